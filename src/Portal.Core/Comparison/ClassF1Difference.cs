namespace Portal.Core.Comparison;

/// <summary>One class's F1 for A and B and the difference F1(B) - F1(A).</summary>
public sealed record ClassF1Difference(int Class, double F1A, double F1B, long Support)
{
    /// <summary>F1(B) - F1(A): positive where B does better.</summary>
    public double Difference => F1B - F1A;
}
