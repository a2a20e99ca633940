namespace Portal.Core.Scoring;

/// <summary>Accuracy and macro F1 of one attribute (mask, gender, age) with classes mapped to its values.</summary>
public sealed record AttributeScore(string Name, double Accuracy, double MacroF1, IReadOnlyList<ClassScore> PerValue, ConfusionMatrix Confusion);
