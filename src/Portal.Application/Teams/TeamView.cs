namespace Portal.Application.Teams;

/// <summary>A team as its own members see it.</summary>
public sealed record TeamView(
    int Id,
    string Name,
    string InviteCode,
    string? ApiTokenPrefix,
    IReadOnlyList<string> Members,
    int UsedToday,
    int DailyLimit,
    DateTime QuotaResetsAtUtc)
{
    public int LeftToday => Math.Max(0, DailyLimit - UsedToday);
}
