namespace Portal.Cli.Output.Json;

/// <summary>One member of an ensemble: its file and weight as given.</summary>
internal sealed record EnsembleMemberJson(string Path, double Weight);
