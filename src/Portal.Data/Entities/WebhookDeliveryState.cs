namespace Portal.Data.Entities;

/// <summary>Where a webhook delivery is.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting to be sent, first or again after a failed attempt.</summary>
    Pending,

    /// <summary>Claimed by a sender, which holds it until its lease runs out.</summary>
    Sending,

    /// <summary>The receiver answered with a 2xx status.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the address was refused; not tried again.</summary>
    Failed,
}
