namespace Portal.Core.Trust;

/// <summary>
/// The Ladder of Blum and Hardt, "The Ladder: A Reliable Leaderboard for Machine Learning Competitions", ICML 2015
/// (PMLR 37:1006-1014): a team's board score changes only when a submission beats the score shown by more than a step,
/// which stops a team from climbing the public board on noise and limits how much the board reveals about the public
/// labels. Scores here are higher-is-better (the paper's losses negated).
/// </summary>
/// <remarks>
/// <para>
/// Fixed step (the paper's Algorithm 1): start with nothing shown; a submission whose score exceeds the shown score by
/// more than the step eta becomes the shown score, rounded to the nearest multiple of eta as in the paper (the rounding
/// bounds what each release can encode). The default step <see cref="DefaultStep"/> = 0.001: ten units of the four
/// decimals the board shows; on a public split of about 6,300 images in 18 classes one image's label moves macro F1 by
/// roughly 0.00005 to 0.0001, so a new best needs the equivalent of a dozen or more images at once and probing single
/// images shows nothing; and it is below the standard error of a real improvement between two models (a few
/// thousandths on such a split), so genuine progress still shows. The paper's worst-case analysis suggests
/// eta of order (log(k n) / n)^(1/3), far coarser (0.1 and more here), which no practical board uses.
/// </para>
/// <para>
/// Parameter-free (the paper's Section 6, as in the authors' Ladder.jl "FreeLadder"): no step to choose. A submission
/// becomes the shown score when it beats it by more than the standard error of its paired difference with the
/// submission that set it, a one-sided paired test at one standard error. The paper computes that error from per-example
/// losses (std of the loss differences over sqrt(n)); macro F1 has no per-image loss, so the standard error here is the
/// standard deviation of the paired bootstrap differences (<see cref="BootstrapScores.DifferenceStandardError"/>), its
/// direct analogue. The shown score is the unrounded score, as in Ladder.jl.
/// </para>
/// <para>
/// Leak safety: the ladder shows less than the plain board (a subsequence of a team's public scores), never more.
/// </para>
/// </remarks>
public static class Ladder
{
    /// <summary>The default step of <see cref="FixedStep"/> (see the remarks for why).</summary>
    public const double DefaultStep = 0.001;

    /// <summary>
    /// The board after each of a team's submissions, <paramref name="scores"/> in submission order (macro F1 in [0, 1]),
    /// under the fixed-step ladder. Throws <see cref="ArgumentOutOfRangeException"/> for a step that is not a positive
    /// finite number or a score that is not finite.
    /// </summary>
    public static LadderStep[] FixedStep(ReadOnlySpan<double> scores, double step = DefaultStep)
    {
        if (!(step > 0 && double.IsFinite(step)))
        {
            throw new ArgumentOutOfRangeException(nameof(step), "The step must be a positive number.");
        }

        var steps = new LadderStep[scores.Length];
        var shown = double.NegativeInfinity;
        for (var t = 0; t < scores.Length; t++)
        {
            var score = scores[t];
            if (!double.IsFinite(score))
            {
                throw new ArgumentOutOfRangeException(nameof(scores), $"Score {t} is not a number.");
            }

            var better = score > shown + step;
            shown = better ? Math.Round(score / step, MidpointRounding.AwayFromZero) * step : shown;
            steps[t] = new LadderStep(score, shown, better);
        }

        return steps;
    }

    /// <summary>
    /// The board after each of a team's submissions under the parameter-free ladder, from its submissions resampled
    /// together (<paramref name="scores"/>, submissions in submission order on the public images).
    /// </summary>
    public static LadderStep[] ParameterFree(BootstrapScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var steps = new LadderStep[scores.Count];
        var leader = -1;
        for (var t = 0; t < steps.Length; t++)
        {
            var score = scores.Observed(t);
            var better = leader < 0 || score > scores.Observed(leader) + scores.DifferenceStandardError(leader, t);
            leader = better ? t : leader;
            steps[t] = new LadderStep(score, scores.Observed(leader), better);
        }

        return steps;
    }
}
