using System.Globalization;

namespace Portal.Cli.Output;

/// <summary>How numbers are shown in text output: scores to 4 decimals, counts with thousands separators.</summary>
internal static class Format
{
    public static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A difference, always signed.</summary>
    public static string Signed(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);

    /// <summary>A training metric of any scale (a loss of 2.31, a learning rate of 3e-05): 6 significant digits.</summary>
    public static string Metric(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Plain(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A p-value: 4 decimals, or scientific notation when that would show 0.0000.</summary>
    public static string PValue(double value) => value >= 0.0001 || value == 0
        ? value.ToString("0.0000", CultureInfo.InvariantCulture)
        : value.ToString("0.##E+0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => fraction.ToString("0.#%", CultureInfo.InvariantCulture);
}
