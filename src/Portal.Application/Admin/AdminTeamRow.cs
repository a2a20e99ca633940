namespace Portal.Application.Admin;

/// <summary>A team as the host's list shows it.</summary>
public sealed record AdminTeamRow(int Id, string Name, bool IsBaseline, int Members, int Submissions, double? BestPublic, string InviteCode);
