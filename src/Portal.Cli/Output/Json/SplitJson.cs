namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal split --json</c>.</summary>
internal sealed record SplitJson(int PublicCount, int PrivateCount, IReadOnlyList<SplitClassJson> PerClass);
