namespace Portal.Web.Features.Leaderboards;

/// <summary>Which board.</summary>
public enum BoardKind
{
    Public,
    Private,
}
