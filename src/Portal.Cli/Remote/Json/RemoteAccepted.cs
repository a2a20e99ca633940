namespace Portal.Cli.Remote.Json;

/// <summary>
/// The answer to an accepted upload (<c>POST /api/v1/competitions/{slug}/submissions</c>): 201 with status "scored" and
/// the public macro F1 for a CSV, 202 with status "queued" for a model.
/// </summary>
internal sealed record RemoteAccepted(int Id, string Status, string? StatusUrl, double? PublicScore);
