namespace Portal.Application.Models;

/// <summary>The macro F1 of one TTA view of one model file, on its own.</summary>
public sealed record ViewScore(string View, F1Pair F1);
