namespace Portal.Data.Entities;

/// <summary>What a team's webhook is told about.</summary>
public enum WebhookEvent
{
    /// <summary>One of the team's submissions was scored.</summary>
    Scored,

    /// <summary>One of the team's submissions failed.</summary>
    Failed,

    /// <summary>Another team's new best passed the team's best public score.</summary>
    Overtaken,

    /// <summary>The competition closes within a day.</summary>
    ClosingSoon,

    /// <summary>The team asked for a test message.</summary>
    Test,
}
