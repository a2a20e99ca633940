namespace Portal.Cli.Remote.Json;

/// <summary>One curve of a stored training run: its run (fold folder) and tag; the points are not read.</summary>
internal sealed record RemoteTrainingRunSeries(string Run, string Tag);
