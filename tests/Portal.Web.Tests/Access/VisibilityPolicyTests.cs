using Portal.Application.Access;
using Portal.Data.Entities;

namespace Portal.Web.Tests.Access;

/// <summary>Every role x competition state x thing shown, against the one <see cref="VisibilityPolicy"/>.</summary>
public sealed class VisibilityPolicyTests
{
    private static readonly Viewer Host = new("host-user", IsHost: true);
    private static readonly Viewer Member = new("member-user", IsHost: false);
    private static readonly Viewer Token = new(null, IsHost: false, TokenTeamId: 7);

    public static TheoryData<string, CompetitionState, bool, bool, bool, bool, bool, bool> Table => new()
    {
        // role, state, host allows public per-class details, sees competition, sees public details, sees private, may change finals
        { "host", CompetitionState.Draft, false, true, true, true, true, true },
        { "host", CompetitionState.Open, false, true, true, true, true, true },
        { "host", CompetitionState.Closed, false, true, true, true, true, true },
        { "member", CompetitionState.Draft, false, false, false, false, true, false },
        { "member", CompetitionState.Open, false, true, false, false, true, false },
        { "member", CompetitionState.Open, true, true, true, false, true, false },
        { "member", CompetitionState.Closed, false, true, true, true, false, true },
        { "token", CompetitionState.Open, false, true, false, false, true, false },
        { "token", CompetitionState.Open, true, true, true, false, true, false },
        { "token", CompetitionState.Closed, false, true, true, true, false, true },
        { "anonymous", CompetitionState.Draft, true, false, true, false, true, false },
        { "anonymous", CompetitionState.Open, false, true, false, false, true, false },
        { "anonymous", CompetitionState.Closed, false, true, true, true, false, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Policy_RoleStateAndSetting_ShowsExactlyTheTablesThings(string role, CompetitionState state, bool showPublicPerClass,
        bool competitionShown, bool publicDetails, bool privateSide, bool changesFinals, bool labelAudit)
    {
        var viewer = role switch { "host" => Host, "member" => Member, "token" => Token, _ => Viewer.Anonymous };
        var competition = new Competition { State = state, ShowPublicPerClass = showPublicPerClass };

        Assert.Equal(competitionShown, VisibilityPolicy.SeesCompetition(viewer, state));
        Assert.Equal(publicDetails, VisibilityPolicy.SeesPublicDetails(viewer, competition));
        Assert.Equal(privateSide, VisibilityPolicy.SeesPrivate(viewer, competition));
        Assert.Equal(changesFinals, VisibilityPolicy.MayChangeFinals(viewer, competition));
        Assert.Equal(labelAudit, VisibilityPolicy.SeesLabelAudit(viewer, competition));
    }
}
