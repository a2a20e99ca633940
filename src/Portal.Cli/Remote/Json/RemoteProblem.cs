namespace Portal.Cli.Remote.Json;

/// <summary>
/// Why the portal refused a request: an RFC 9457 problem (<c>title</c>, <c>detail</c>, <c>status</c>, and <c>errors</c>
/// for a validation problem) or a refused upload (<c>title</c>, <c>detail</c>, <c>problems</c> by line, <c>totalProblems</c>).
/// Every member is optional: the portal sends one shape or the other.
/// </summary>
internal sealed record RemoteProblem(
    string? Title,
    string? Detail,
    int? Status,
    IReadOnlyList<RemoteProblemLine>? Problems,
    int? TotalProblems,
    IReadOnlyDictionary<string, string[]>? Errors);
