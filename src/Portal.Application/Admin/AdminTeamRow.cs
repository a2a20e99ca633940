namespace Portal.Application.Admin;

/// <summary>A team as the host's list shows it; <paramref name="DailyLimit"/> is the one in force (the override, else the competition's).</summary>
public sealed record AdminTeamRow(int Id, string Name, bool IsBaseline, int Members, int Submissions, double? BestPublic, string InviteCode, int DailyLimit, int? DailyLimitOverride);
