namespace Portal.Application.Comparison;

/// <summary>A cell of a class-by-class matrix: the row's class (A's label, or the truth) and the column's (B's label, or the prediction).</summary>
public readonly record struct ClassPair(int Row, int Column);
