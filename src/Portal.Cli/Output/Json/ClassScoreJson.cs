namespace Portal.Cli.Output.Json;

/// <summary>One class of <see cref="ScoreJson.PerClass"/>.</summary>
internal sealed record ClassScoreJson(int Class, string Name, double Precision, double Recall, double F1, long Support);
