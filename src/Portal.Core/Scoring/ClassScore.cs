namespace Portal.Core.Scoring;

/// <summary>Precision, recall, F1 and support of one class (zero division counts 0).</summary>
public sealed record ClassScore(int Class, double Precision, double Recall, double F1, long Support);
