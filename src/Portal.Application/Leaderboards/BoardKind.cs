namespace Portal.Application.Leaderboards;

/// <summary>Which board.</summary>
public enum BoardKind
{
    Public,
    Private,
}
