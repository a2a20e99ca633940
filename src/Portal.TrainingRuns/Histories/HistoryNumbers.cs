using System.Globalization;
using System.Text;

namespace Portal.TrainingRuns.Histories;

/// <summary>Numbers in history cells: invariant culture, with Python's and pandas' spellings of NaN and infinity.</summary>
internal static class HistoryNumbers
{
    /// <summary>
    /// The value of a metric cell: a decimal or exponent number, or NaN / inf / -inf / Infinity in any case.
    /// False for anything else.
    /// </summary>
    public static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var negative = text.StartsWith("-");
        var word = text.TrimStart("+-");
        if (word.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    /// <summary>As <see cref="TryParseValue(ReadOnlySpan{char}, out double)"/>, from UTF-8 bytes.</summary>
    public static bool TryParseValue(ReadOnlySpan<byte> utf8, out double value)
    {
        utf8 = utf8.Trim(" \t"u8);
        return double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            || (utf8.Length <= 16 && TryParseValue(Encoding.UTF8.GetString(utf8), out value));
    }

    /// <summary>As <see cref="TryParseStep(ReadOnlySpan{char}, out long)"/>, from UTF-8 bytes.</summary>
    public static bool TryParseStep(ReadOnlySpan<byte> utf8, out long step)
    {
        utf8 = utf8.Trim(" \t"u8);
        return long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out step)
            || TryStep(double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out var d), d, out step);
    }

    /// <summary>A step: a whole number, also written as a float ("12.0", as pandas writes a column with gaps).</summary>
    public static bool TryParseStep(ReadOnlySpan<char> text, out long step)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out step))
        {
            return true;
        }

        return TryStep(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d), d, out step);
    }

    /// <summary>A step from a JSON number that may have been written as a float.</summary>
    public static bool TryStep(bool parsed, double d, out long step)
    {
        step = 0;
        if (!parsed || double.IsNaN(d) || Math.Floor(d) != d || d < long.MinValue || d >= 9.2e18)
        {
            return false;
        }

        step = (long)d;
        return true;
    }
}
