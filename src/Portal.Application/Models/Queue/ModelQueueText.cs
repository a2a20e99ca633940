using System.Globalization;
using Portal.Data.Entities;

namespace Portal.Application.Models.Queue;

/// <summary>The queue's forecasts as sentences a participant reads ("about 12 minutes").</summary>
public static class ModelQueueText
{
    /// <summary>A rough length: "under a minute", "about 12 minutes", "about 2.5 hours".</summary>
    public static string About(TimeSpan span) => span.TotalMinutes switch
    {
        < 1 => "under a minute",
        < 1.5 => "about a minute",
        < 90 => string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(span.TotalMinutes):0} minutes"),
        _ => string.Create(CultureInfo.InvariantCulture, $"about {span.TotalHours:0.#} hours"),
    };

    /// <summary>Where a run stands: its place in the queue and when it should start and finish, relative to <paramref name="nowUtc"/>.</summary>
    public static string Describe(ModelQueueEntry entry, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.State == JobState.Running)
        {
            return entry.FinishUtc is { } finish
                ? $"Running; should finish in {About(finish - nowUtc)} ({Clock(finish)})."
                : "Running.";
        }

        var place = entry.Position == 1 ? "Next in the model queue" : string.Create(CultureInfo.InvariantCulture, $"Number {entry.Position} in the model queue");
        return entry.StartUtc is { } start && entry.FinishUtc is { } end
            ? $"{place}; should start in {About(start - nowUtc)} and finish in {About(end - nowUtc)} ({Clock(end)})."
            : $"{place}; no estimate yet (no model has run on this server).";
    }

    /// <summary>How long a run should take before it is submitted: "about 12 minutes on this server's CPU".</summary>
    public static string Estimate(TimeSpan duration, string provider) => $"{About(duration)} on this server's {provider}";

    private static string Clock(DateTime utc) => string.Create(CultureInfo.InvariantCulture, $"about {utc:HH:mm} UTC");
}
