namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal audit --json</c>: the suspects shown (strongest first) and how many were found in all.</summary>
internal sealed record AuditJson(int Submissions, int Images, int TotalSuspects, IReadOnlyList<AuditSuspectJson> Suspects);
