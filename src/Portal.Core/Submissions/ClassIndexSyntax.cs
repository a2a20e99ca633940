namespace Portal.Core.Submissions;

/// <summary>What a class-index field holds, as read by <see cref="ClassIndexText"/>.</summary>
internal enum ClassIndexSyntax
{
    /// <summary>A whole number: <c>6</c>, or written as a float (<c>6.0</c>, <c>6.00</c>, <c>6e0</c>, <c>6.</c>).</summary>
    Whole,

    /// <summary>A number with a fractional part (<c>6.5</c>).</summary>
    Fraction,

    /// <summary>Not a number at all (empty, <c>abc</c>, <c>nan</c>, <c>inf</c>).</summary>
    NotANumber,
}
