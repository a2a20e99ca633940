namespace Portal.Web.Tests.Support;

/// <summary>A team of a scenario: its id, name, API token and members.</summary>
public sealed record ScenarioTeam(int Id, string Name, string InviteCode, string Token, IReadOnlyList<ScenarioUser> Members)
{
    public ScenarioUser FirstMember => Members[0];
}
