namespace Portal.Cli.Remote.Json;

/// <summary>
/// Why the portal refused a request: an RFC 9457 problem (<c>title</c>, <c>detail</c>, <c>status</c>), with <c>errors</c>
/// for a validation problem, or for a refused upload its <c>problems</c> by line and <c>totalProblems</c>. Every member is
/// optional: older portals sent a refused upload without <c>status</c>, and a proxy may send anything.
/// </summary>
internal sealed record RemoteProblem(
    string? Title,
    string? Detail,
    int? Status,
    IReadOnlyList<RemoteProblemLine>? Problems,
    int? TotalProblems,
    IReadOnlyDictionary<string, string[]>? Errors);
