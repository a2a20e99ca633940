namespace Portal.Core.Submissions;

/// <summary>
/// The one rule for reading a class index written in a file (a label, a class column's name): an integer,
/// or a whole number written as a float as pandas writes it once a column went through float (<c>6.0</c>,
/// <c>6.00</c>, <c>6e0</c>, <c>6.</c>). Decided on the decimal text, not on a double, so <c>6.0000000000000001</c>
/// is a fraction and not 6.
/// </summary>
internal static class ClassIndexText
{
    // Past this many integer digits the value is far out of any class range; it is clamped, not computed.
    private const int MaxDigits = 18;

    /// <summary>Reads <paramref name="text"/> (ASCII, already trimmed); <paramref name="value"/> is set when it is <see cref="ClassIndexSyntax.Whole"/> (clamped to ±10^18).</summary>
    public static ClassIndexSyntax Parse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }

        var integer = Digits(text, ref i);
        var fraction = default(Range);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fraction = Digits(text, ref i);
        }

        var intLength = integer.GetOffsetAndLength(text.Length).Length;
        var fracLength = fraction.GetOffsetAndLength(text.Length).Length;
        if (intLength + fracLength == 0)
        {
            return ClassIndexSyntax.NotANumber;
        }

        var exponent = 0;
        if (i < text.Length && text[i] is (byte)'e' or (byte)'E' && !TryExponent(text, ref i, out exponent))
        {
            return ClassIndexSyntax.NotANumber;
        }

        if (i != text.Length)
        {
            return ClassIndexSyntax.NotANumber;
        }

        // The digits integer+fraction, with the decimal point after `point` of them.
        var intDigits = text[integer];
        var fracDigits = text[fraction];
        var count = intLength + fracLength;
        var first = 0;
        while (first < count && DigitAt(intDigits, fracDigits, first) == '0')
        {
            first++;
        }

        if (first == count)
        {
            return ClassIndexSyntax.Whole;
        }

        var last = count - 1;
        while (DigitAt(intDigits, fracDigits, last) == '0')
        {
            last--;
        }

        var point = (long)intLength + exponent;
        if (last >= point)
        {
            return ClassIndexSyntax.Fraction;
        }

        if (point - first > MaxDigits)
        {
            value = negative ? -1_000_000_000_000_000_000 : 1_000_000_000_000_000_000;
            return ClassIndexSyntax.Whole;
        }

        for (var k = first; k < point; k++)
        {
            value = (value * 10) + (k < count ? DigitAt(intDigits, fracDigits, k) - '0' : 0);
        }

        value = negative ? -value : value;
        return ClassIndexSyntax.Whole;
    }

    private static byte DigitAt(ReadOnlySpan<byte> integer, ReadOnlySpan<byte> fraction, int k) =>
        k < integer.Length ? integer[k] : fraction[k - integer.Length];

    private static Range Digits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return start..i;
    }

    private static bool TryExponent(ReadOnlySpan<byte> text, ref int i, out int exponent)
    {
        exponent = 0;
        i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = Digits(text, ref i);
        var span = text[digits];
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var d in span)
        {
            // Clamped: an exponent of a million already puts any digit out of every range.
            exponent = Math.Min((exponent * 10) + (d - '0'), 1_000_000);
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }
}
