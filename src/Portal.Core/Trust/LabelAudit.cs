using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Core.Trust;

/// <summary>
/// Finds images whose label in the truth is probably wrong: most of the strongest submissions agree on another label.
/// The idea of confident learning (Northcutt et al., "Confident Learning: Estimating Uncertainty in Dataset Labels",
/// JAIR 70, 2021) with the submissions as the independent classifiers: where several strong models agree against the
/// label, the label is the likelier mistake.
/// </summary>
/// <remarks>
/// Not leak-safe by nature: it names images and their true labels. The visibility rules decide who sees it (hosts
/// at any time, participants after close).
/// </remarks>
public static class LabelAudit
{
    /// <summary>The fewest submissions an audit takes: agreement needs at least two voters.</summary>
    public const int MinimumSubmissions = 2;

    /// <summary>
    /// Audits <paramref name="truth"/> (one class per image, hidden-set order) against <paramref name="submissions"/>
    /// (the strongest submissions' predictions, same order; probabilities used when present). An image is a suspect when
    /// one label other than the truth gets more than <paramref name="minimumAgreement"/> of the votes (default: a strict
    /// majority). Suspects are ordered by agreement, then mean confidence in the consensus label (images without
    /// probabilities after those with), then position; at most <paramref name="limit"/> are returned (all when null).
    /// Throws <see cref="ArgumentException"/> for fewer than two submissions, a submission of another length or class
    /// count than the truth and taxonomy, and <see cref="ArgumentOutOfRangeException"/> for a minimum agreement outside
    /// [0.5, 1) or a negative limit.
    /// </summary>
    public static LabelAuditResult Find(
        ReadOnlySpan<byte> truth, IReadOnlyList<Predictions> submissions, ClassTaxonomy taxonomy,
        double minimumAgreement = 0.5, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (!(minimumAgreement >= 0.5 && minimumAgreement < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumAgreement), "The minimum agreement must be at least 0.5 and below 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        if (submissions.Count < MinimumSubmissions)
        {
            throw new ArgumentException("An audit needs at least two submissions to find agreement against the truth.", nameof(submissions));
        }

        foreach (var s in submissions)
        {
            if (s.Count != truth.Length || s.ClassCount != taxonomy.Count)
            {
                throw new ArgumentException(
                    $"Every submission must label the {truth.Length} images with the {taxonomy.Count} classes of the taxonomy.", nameof(submissions));
            }
        }

        var k = submissions.Count;
        var needed = (int)Math.Floor(minimumAgreement * k) + 1;
        var agreeing = CountAgreeing(truth, submissions);
        var votes = new int[taxonomy.Count];
        var suspects = new List<LabelSuspect>();
        for (var i = 0; i < truth.Length; i++)
        {
            // The consensus needs `needed` votes, so it cannot be another label unless the truth has k - needed or fewer.
            if (agreeing[i] > k - needed)
            {
                continue;
            }

            Array.Clear(votes);
            foreach (var s in submissions)
            {
                votes[s.Labels[i]]++;
            }

            var consensus = 0;
            for (var c = 1; c < votes.Length; c++)
            {
                consensus = votes[c] > votes[consensus] ? c : consensus;
            }

            if (consensus != truth[i] && votes[consensus] >= needed)
            {
                suspects.Add(new LabelSuspect(i, truth[i], consensus, votes[consensus], (double)votes[consensus] / k,
                    MeanConfidence(submissions, i, consensus), Differing(taxonomy, truth[i], consensus)));
            }
        }

        var ordered = suspects
            .OrderByDescending(s => s.Votes)
            .ThenByDescending(s => s.MeanConfidence ?? double.NegativeInfinity)
            .ThenBy(s => s.Image);
        var kept = (limit is { } most ? ordered.Take(most) : ordered).ToArray();
        return new LabelAuditResult(kept, suspects.Count, k, truth.Length, minimumAgreement);
    }

    /// <summary>How many submissions give each image its true label.</summary>
    private static int[] CountAgreeing(ReadOnlySpan<byte> truth, IReadOnlyList<Predictions> submissions)
    {
        var agreeing = new int[truth.Length];
        foreach (var s in submissions)
        {
            var labels = s.Labels;
            for (var i = 0; i < truth.Length; i++)
            {
                agreeing[i] += labels[i] == truth[i] ? 1 : 0;
            }
        }

        return agreeing;
    }

    private static double? MeanConfidence(IReadOnlyList<Predictions> submissions, int image, int label)
    {
        double sum = 0;
        var count = 0;
        foreach (var s in submissions)
        {
            if (s.HasProbabilities)
            {
                sum += s.ProbabilitiesOf(image)[label];
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }

    private static string[] Differing(ClassTaxonomy taxonomy, int truth, int consensus)
    {
        var names = new List<string>();
        for (var axis = 0; axis < taxonomy.Axes.Count; axis++)
        {
            if (taxonomy.ValueOf(axis, truth) != taxonomy.ValueOf(axis, consensus))
            {
                names.Add(taxonomy.Axes[axis].Name);
            }
        }

        return names.ToArray();
    }
}
