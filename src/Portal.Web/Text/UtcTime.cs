using System.Globalization;

namespace Portal.Web.Text;

/// <summary>Times as the host's tables show them: with the year and the zone, never ambiguous (2026-11-30 23:39:47 UTC).</summary>
public static class UtcTime
{
    /// <summary><paramref name="utc"/> as <c>yyyy-MM-dd HH:mm:ss UTC</c>; a dash for none.</summary>
    public static string Format(DateTime? utc) =>
        utc is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";
}
