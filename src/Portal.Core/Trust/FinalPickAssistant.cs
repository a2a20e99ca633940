namespace Portal.Core.Trust;

/// <summary>
/// Helps a team choose its finals before the selection deadline: which of its submissions are statistically tied with
/// its best public one, and a suggested set of finals, the best and the tied ones that disagree with it most.
/// </summary>
/// <remarks>
/// <para>
/// Ties are decided by the paired bootstrap of Compare (<see cref="Comparison.PairedBootstrap"/>): every submission
/// scored on the same resamples (<see cref="BootstrapScores"/>), so each interval equals the one Compare shows for
/// that pair, seed and resample count.
/// </para>
/// <para>
/// Why the most different: the private board takes the best private score among a team's finals. Two submissions the
/// public split cannot tell apart are equally good bets; of those, the pair that disagrees on more images has less
/// correlated private scores, so the better of the two is likely higher (the maximum of less correlated draws). With
/// more than two finals, each next pick maximises its smallest disagreement with the picks so far. When nothing is
/// tied with the best, the next pick is the next best public score.
/// </para>
/// <para>
/// Leak safety: the intervals are aggregates of the public split (see <see cref="BootstrapScores"/>); the disagreement
/// compares the team's own submissions with each other, not with the truth (a label-free diff, which a team may see).
/// </para>
/// </remarks>
public static class FinalPickAssistant
{
    /// <summary>
    /// Advises on <paramref name="submissions"/>, a team's scored submissions' labels on the public images of
    /// <paramref name="truth"/>, oldest first (equal public scores go to the earlier one). Suggests up to
    /// <paramref name="finals"/> picks. Throws as <see cref="BootstrapScores.Compute"/> does, <see cref="ArgumentException"/>
    /// for no submissions, and <see cref="ArgumentOutOfRangeException"/> for fewer than one final or a confidence outside (0, 1).
    /// </summary>
    public static FinalPickAdvice Advise(
        ReadOnlySpan<byte> truth, IReadOnlyList<ReadOnlyMemory<byte>> submissions, int classCount,
        int finals = 2, int resamples = 1000, ulong seed = 42, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        if (submissions.Count == 0)
        {
            throw new ArgumentException("A team needs at least one scored submission to pick finals.", nameof(submissions));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(finals, 1);
        var scores = BootstrapScores.Compute(truth, submissions, classCount, resamples, seed);
        var best = 0;
        for (var s = 1; s < scores.Count; s++)
        {
            best = scores.Observed(s) > scores.Observed(best) ? s : best;
        }

        var candidates = new FinalCandidate[scores.Count];
        for (var s = 0; s < candidates.Length; s++)
        {
            var toBest = s == best ? null : scores.Difference(s, best, confidence);
            candidates[s] = new FinalCandidate(s, scores.Observed(s), toBest, toBest is null || !toBest.BeyondNoise,
                Disagreement(submissions[s].Span, submissions[best].Span));
        }

        return new FinalPickAdvice(best, candidates, Suggest(candidates, submissions, best, finals), resamples, seed, confidence);
    }

    private static FinalPick[] Suggest(FinalCandidate[] candidates, IReadOnlyList<ReadOnlyMemory<byte>> submissions, int best, int finals)
    {
        var picks = new List<FinalPick> { new(best, FinalPickReason.BestPublic, 0) };
        while (picks.Count < Math.Min(finals, candidates.Length))
        {
            var left = candidates.Where(c => picks.TrueForAll(p => p.Index != c.Index)).ToList();
            var tied = left.Where(c => c.TiedWithBest).ToList();
            if (tied.Count > 0)
            {
                var spread = tied
                    .Select(c => (Candidate: c, Spread: picks.Min(p => Disagreement(submissions[c.Index].Span, submissions[p.Index].Span))))
                    .OrderByDescending(x => x.Spread).ThenByDescending(x => x.Candidate.PublicF1).ThenBy(x => x.Candidate.Index)
                    .First();
                picks.Add(new FinalPick(spread.Candidate.Index, FinalPickReason.TiedAndMostDifferent, spread.Spread));
            }
            else
            {
                var next = left.OrderByDescending(c => c.PublicF1).ThenBy(c => c.Index).First();
                picks.Add(new FinalPick(next.Index, FinalPickReason.NextBest,
                    picks.Min(p => Disagreement(submissions[next.Index].Span, submissions[p.Index].Span))));
            }
        }

        return picks.ToArray();
    }

    /// <summary>The share of images on which two labellings differ (0 for none).</summary>
    private static double Disagreement(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var differing = 0;
        for (var i = 0; i < a.Length; i++)
        {
            differing += a[i] != b[i] ? 1 : 0;
        }

        return a.Length == 0 ? 0 : (double)differing / a.Length;
    }
}
