namespace Portal.Cli.Output.Json;

/// <summary>How many images A and B put on different values of one attribute.</summary>
internal sealed record AttributeDisagreementJson(string Name, long Count, double Rate);
