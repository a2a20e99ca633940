namespace Portal.Core.Competitions;

/// <summary>One attribute that every class is a combination of (for the mask task: mask, gender, age).</summary>
public sealed record AttributeAxis(string Name, IReadOnlyList<string> ValueNames)
{
    /// <summary>How many values the attribute takes.</summary>
    public int Size => ValueNames.Count;
}
