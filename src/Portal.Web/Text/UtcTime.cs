using System.Globalization;

namespace Portal.Web.Text;

/// <summary>Times as every page, table and form shows them: with the year and the zone, never ambiguous (2026-11-30 23:39:47 UTC).</summary>
public static class UtcTime
{
    /// <summary>How a form field shows and reads a UTC time: ISO date, 24-hour clock, to the minute (2026-11-30 23:39).</summary>
    public const string InputFormat = "yyyy-MM-dd HH:mm";

    /// <summary><paramref name="utc"/> as <c>yyyy-MM-dd HH:mm:ss UTC</c>; a dash for none.</summary>
    public static string Format(DateTime? utc) =>
        utc is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    /// <summary>The UTC day of <paramref name="utc"/>, as <c>yyyy-MM-dd</c> (the caller says "UTC" where it matters); a dash for none.</summary>
    public static string FormatDate(DateTime? utc) =>
        utc is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "–";

    /// <summary><paramref name="utc"/> to the minute, as <c>yyyy-MM-dd HH:mm UTC</c>; a dash for none.</summary>
    public static string FormatMinutes(DateTime? utc) =>
        utc is { } at ? at.ToString(InputFormat, CultureInfo.InvariantCulture) + " UTC" : "–";
}
