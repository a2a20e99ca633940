namespace Portal.Web.Tests.Api;

/// <summary>Who makes a request in the authorization matrix.</summary>
public enum Caller
{
    Anonymous,
    MemberOfA,
    TokenOfA,
    TokenOfB,
    MemberOfB,
    Host,

    /// <summary>A team token of another competition.</summary>
    TokenOfOtherCompetition,

    /// <summary>Team A's token before it was replaced.</summary>
    ReplacedTokenOfA,

    /// <summary>A host's API token (<c>ph_...</c>).</summary>
    HostToken,
}
