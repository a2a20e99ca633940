using System.Globalization;
using Portal.Core.Scoring;
using Portal.Core.Trust;
using Portal.Data.Entities;

namespace Portal.Application.Leaderboards;

/// <summary>
/// The host's ladder setting applied to the public board (<see cref="Ladder"/>): which of each team's submissions set a
/// shown score, and the rule in one sentence for the board. The one place that turns a <see cref="LadderMode"/> into
/// board scores; <see cref="LeaderboardService"/> calls it when it computes a board version.
/// </summary>
/// <remarks>
/// Leak safety: the ladder shows a subsequence of a team's own public scores (rounded to the step in the fixed mode), so
/// the board shows less than the plain board, never more. The parameter-free mode's resampling reads the public images
/// only, and all that leaves it is which submissions set a new best.
/// </remarks>
public static class BoardLadder
{
    /// <summary>The rule the board shows under <paramref name="mode"/>, or null when the ladder is off.</summary>
    public static string? Explain(LadderMode mode, double step) => mode switch
    {
        LadderMode.FixedStep => string.Create(CultureInfo.InvariantCulture,
            $"Ladder mode: a team's score on this board changes only when a submission beats the score shown by more than {step:0.####} macro F1, and is then shown rounded to that step (Blum and Hardt, ICML 2015). Small gains on the public images are mostly noise; the ladder keeps them from moving the board."),
        LadderMode.ParameterFree => "Ladder mode: a team's score on this board changes only when a submission beats the score shown by more than the standard error of their paired difference on the public images (Blum and Hardt's parameter-free ladder, ICML 2015). Small gains on the public images are mostly noise; the ladder keeps them from moving the board.",
        _ => null,
    };

    /// <summary>
    /// The score shown for each submission that set a team's shown score under the fixed-step ladder, keyed by submission
    /// id; submissions that did not set one are absent. Each team's submissions are taken in submission order.
    /// </summary>
    public static Dictionary<int, double> FixedStep(IEnumerable<LeaderboardEntry> entries, double step)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var shown = new Dictionary<int, double>();
        foreach (var team in ByTeamInOrder(entries))
        {
            var steps = Ladder.FixedStep(team.Select(e => e.PublicScore).ToArray(), step);
            Keep(team, steps, shown);
        }

        return shown;
    }

    /// <summary>
    /// As <see cref="FixedStep"/> under the parameter-free ladder; <paramref name="resample"/> gives one team's
    /// submissions (in the order given) resampled together on the public images.
    /// </summary>
    public static Dictionary<int, double> ParameterFree(IEnumerable<LeaderboardEntry> entries, Func<IReadOnlyList<LeaderboardEntry>, BootstrapScores> resample)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(resample);
        var shown = new Dictionary<int, double>();
        foreach (var team in ByTeamInOrder(entries))
        {
            Keep(team, Ladder.ParameterFree(resample(team)), shown);
        }

        return shown;
    }

    /// <summary>Each team's entries in submission order (time, then id), as the ladder reads them.</summary>
    public static IEnumerable<List<LeaderboardEntry>> ByTeamInOrder(IEnumerable<LeaderboardEntry> entries) =>
        entries.GroupBy(e => e.TeamId).Select(t => t.OrderBy(e => e.SubmittedAtUtc).ThenBy(e => e.SubmissionId).ToList());

    private static void Keep(List<LeaderboardEntry> team, LadderStep[] steps, Dictionary<int, double> shown)
    {
        for (var i = 0; i < team.Count; i++)
        {
            if (steps[i].NewBest)
            {
                shown[team[i].SubmissionId] = steps[i].Shown;
            }
        }
    }
}
