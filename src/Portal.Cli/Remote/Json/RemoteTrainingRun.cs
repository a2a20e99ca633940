namespace Portal.Cli.Remote.Json;

/// <summary>The parts of a stored training run (<c>POST /api/v1/submissions/{id}/training-run</c>'s 201) that <c>portal submit</c> reports.</summary>
internal sealed record RemoteTrainingRun(int Files, IReadOnlyList<RemoteTrainingRunSeries>? Series, double? ValidationF1Last, string? ValidationTag);
