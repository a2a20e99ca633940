namespace Portal.Data.Entities;

/// <summary>
/// Submissions a team has used on one day. Incremented with a conditional upsert
/// (<c>Used &lt; limit</c>), so concurrent uploads can never exceed the limit.
/// </summary>
public sealed class DailyQuota
{
    public int TeamId { get; set; }
    public string Day { get; set; } = "";
    public int Used { get; set; }
}
