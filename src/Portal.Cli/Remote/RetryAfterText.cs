using System.Globalization;
using System.Net.Http.Headers;

namespace Portal.Cli.Remote;

/// <summary>A <c>Retry-After</c> header in words: "Try again in 3 hours 12 minutes (at 00:00 UTC)."</summary>
internal static class RetryAfterText
{
    /// <summary>The sentence for <paramref name="retryAfter"/> seen at <paramref name="nowUtc"/>, or null when the header is absent.</summary>
    public static string? Describe(RetryConditionHeaderValue? retryAfter, DateTimeOffset nowUtc)
    {
        if (retryAfter is null)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - nowUtc : TimeSpan.Zero);
        if (wait < TimeSpan.FromSeconds(1))
        {
            wait = TimeSpan.FromSeconds(1);
        }

        var at = (nowUtc + wait).UtcDateTime;
        var clock = at.Date == nowUtc.UtcDateTime.Date
            ? at.ToString("HH:mm", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"Try again in {Duration(wait)} (at {clock} UTC).";
    }

    /// <summary>A duration in words, to the minute past an hour and to the second below a minute.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return Unit((int)Math.Ceiling(span.TotalSeconds), "second");
        }

        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        if (minutes < 60)
        {
            return Unit(minutes, "minute");
        }

        var (hours, rest) = (minutes / 60, minutes % 60);
        return rest == 0 ? Unit(hours, "hour") : $"{Unit(hours, "hour")} {Unit(rest, "minute")}";
    }

    private static string Unit(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
