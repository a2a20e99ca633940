namespace Portal.Cli.Output.Json;

/// <summary>One attribute (mask, gender, age) of <see cref="ScoreJson.Attributes"/>.</summary>
internal sealed record AttributeScoreJson(string Name, double Accuracy, double MacroF1);
