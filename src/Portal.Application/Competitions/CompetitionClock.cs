using System.Globalization;
using Portal.Data.Entities;

namespace Portal.Application.Competitions;

/// <summary>Time as a competition sees it: its own time zone for the daily limit, its window for submissions.</summary>
public sealed class CompetitionClock(TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The day (yyyy-MM-dd) in the competition's time zone that a submission now counts toward.</summary>
    public string QuotaDay(Competition competition) => QuotaDay(competition, UtcNow);

    /// <summary>The day (yyyy-MM-dd) in the competition's time zone that a submission made at <paramref name="atUtc"/> counts toward.</summary>
    public static string QuotaDay(Competition competition, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var zone = Zone(competition.TimeZone);
        return TimeZoneInfo.ConvertTimeFromUtc(atUtc, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>When the daily limit next resets, in UTC.</summary>
    public DateTime NextQuotaResetUtc(Competition competition) => NextQuotaResetUtc(competition, UtcNow);

    /// <summary>When the daily limit next resets after <paramref name="nowUtc"/>, in UTC: the next midnight in the competition's time zone.</summary>
    public static DateTime NextQuotaResetUtc(Competition competition, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var zone = Zone(competition.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local.Date.AddDays(1), DateTimeKind.Unspecified), zone);
    }

    /// <summary>Why the competition does not take submissions now, or null when it does.</summary>
    public string? WhyClosed(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        return competition.State switch
        {
            CompetitionState.Draft => "The competition has not been opened yet.",
            CompetitionState.Closed => "The competition is closed; submissions are no longer accepted.",
            _ when UtcNow < competition.StartsAtUtc => string.Create(CultureInfo.InvariantCulture, $"The competition starts on {competition.StartsAtUtc:yyyy-MM-dd HH:mm} UTC."),
            _ when UtcNow >= competition.EndsAtUtc => string.Create(CultureInfo.InvariantCulture, $"The submission deadline ({competition.EndsAtUtc:yyyy-MM-dd HH:mm} UTC) has passed."),
            _ => null,
        };
    }

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
