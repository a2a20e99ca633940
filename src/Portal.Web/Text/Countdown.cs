using System.Globalization;

namespace Portal.Web.Text;

/// <summary>Time left as a countdown reads it: the two largest units, rounded down ("3 days 4 h", "5 h 12 min").</summary>
public static class Countdown
{
    /// <summary>
    /// <paramref name="left"/> as "3 days 4 h", "1 day", "5 h 12 min", "12 min" or "under a minute". Rounded down, so
    /// a countdown never promises more time than is left.
    /// </summary>
    public static string Format(TimeSpan left)
    {
        var minutes = (long)Math.Floor(left.TotalMinutes);
        if (minutes < 1)
        {
            return "under a minute";
        }

        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var rest = minutes % 60;
        return days > 0 ? Join(Days(days), hours > 0 ? Units(hours, "h") : null)
            : hours > 0 ? Join(Units(hours, "h"), rest > 0 ? Units(rest, "min") : null)
            : Units(rest, "min");
    }

    private static string Days(long days) => days == 1 ? "1 day" : Units(days, "days");

    private static string Units(long count, string unit) => string.Create(CultureInfo.InvariantCulture, $"{count} {unit}");

    private static string Join(string first, string? second) => second is null ? first : $"{first} {second}";
}
