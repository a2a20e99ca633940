using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Application.Competitions;
using Portal.Data.Entities;
using Portal.Web.Text;

namespace Portal.Web.Components.Shared;

/// <summary>
/// Where a competition stands in time, counted down from now: when it opens or closes, when the daily limit resets
/// (in the competition's time zone), or when it closed.
/// </summary>
public sealed partial class CompetitionCountdown
{
    [Parameter, EditorRequired]
    public Competition Competition { get; set; } = default!;

    private IEnumerable<(string Id, string Icon, string Text)> Lines()
    {
        var competition = Competition;
        var now = UtcNow;
        if (competition.State == CompetitionState.Closed)
        {
            yield return ("countdown-close", Icons.Material.Outlined.EventBusy, $"Closed on {UtcTime.FormatDate(competition.ClosedAtUtc ?? competition.EndsAtUtc)}");
            yield break;
        }

        if (now < competition.StartsAtUtc)
        {
            yield return ("countdown-open", Icons.Material.Outlined.Event, $"Opens in {Countdown.Format(competition.StartsAtUtc - now)}");
            yield break;
        }

        if (now >= competition.EndsAtUtc)
        {
            // Past the deadline, not yet closed by the host: finals may still change (VisibilityPolicy.MayChangeFinals).
            yield return ("countdown-close", Icons.Material.Outlined.EventBusy,
                $"Submissions closed on {UtcTime.FormatDate(competition.EndsAtUtc)}; final selections stay open until the host closes the competition");
            yield break;
        }

        yield return ("countdown-close", Icons.Material.Outlined.Timer, $"Closes in {Countdown.Format(competition.EndsAtUtc - now)}");
        if (competition.State == CompetitionState.Open)
        {
            var reset = CompetitionClock.NextQuotaResetUtc(competition, now);
            yield return ("countdown-reset", Icons.Material.Outlined.Update,
                $"Daily limit resets in {Countdown.Format(reset - now)} (midnight {competition.TimeZone})");
        }
    }
}
