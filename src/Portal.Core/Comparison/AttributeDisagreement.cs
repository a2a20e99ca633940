namespace Portal.Core.Comparison;

/// <summary>How many images two submissions put on different values of one attribute.</summary>
public sealed record AttributeDisagreement(string Name, long Count, double Rate);
