namespace Portal.Cli.Output.Json;

/// <summary>How many images of one class went to each board.</summary>
internal sealed record SplitClassJson(int Class, int Public, int Private);
