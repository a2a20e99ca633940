using Portal.Core.Submissions;

namespace Portal.Core.Ensembles;

/// <summary>Combines a team's submissions by hard, soft or geometric-mean voting.</summary>
public static class EnsembleBuilder
{
    /// <summary>The floor applied to probabilities before taking logs in the geometric mean.</summary>
    public const float GeometricMeanFloor = 1e-7f;

    /// <summary>Combines <paramref name="members"/>; throws <see cref="EnsembleException"/> when they do not fit together.</summary>
    public static Predictions Combine(IReadOnlyList<EnsembleMember> members, EnsembleMethod method)
    {
        var weights = Validate(members, method);
        return method switch
        {
            EnsembleMethod.Hard => Hard(members, weights),
            EnsembleMethod.Soft => Soft(members, weights),
            EnsembleMethod.GeometricMean => GeometricMean(members, weights),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    private static double[] Validate(IReadOnlyList<EnsembleMember> members, EnsembleMethod method)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new EnsembleException("An ensemble needs at least one submission.");
        }

        var first = members[0].Predictions;
        double total = 0;
        for (var m = 0; m < members.Count; m++)
        {
            var member = members[m];
            var name = member.Name ?? $"member {m + 1}";
            if (member.Predictions.Count != first.Count || member.Predictions.ClassCount != first.ClassCount)
            {
                throw new EnsembleException($"{name} does not cover the same images and classes as the first member.");
            }

            if (!double.IsFinite(member.Weight) || member.Weight < 0)
            {
                throw new EnsembleException($"The weight of {name} must be a number of 0 or more.");
            }

            if (method != EnsembleMethod.Hard && !member.Predictions.HasProbabilities)
            {
                throw new EnsembleException(
                    $"{name} has labels only; {(method == EnsembleMethod.Soft ? "soft voting" : "the geometric mean")} needs probabilities for every member. Use hard voting, or submit probabilities.");
            }

            total += member.Weight;
        }

        if (total <= 0)
        {
            throw new EnsembleException("At least one weight must be above 0.");
        }

        // Normalised weights: an ensemble of one is exactly its member.
        return members.Select(m => m.Weight / total).ToArray();
    }

    private static Predictions Hard(IReadOnlyList<EnsembleMember> members, double[] weights)
    {
        const double tieTolerance = 1e-9;
        var count = members[0].Predictions.Count;
        var classes = members[0].Predictions.ClassCount;
        var labels = new byte[count];
        Span<double> votes = stackalloc double[classes];
        Span<double> mass = stackalloc double[classes];
        for (var i = 0; i < count; i++)
        {
            votes.Clear();
            for (var m = 0; m < members.Count; m++)
            {
                votes[members[m].Predictions.Labels[i]] += weights[m];
            }

            var best = 0;
            var tied = false;
            for (var c = 1; c < classes; c++)
            {
                if (votes[c] > votes[best] + tieTolerance)
                {
                    best = c;
                    tied = false;
                }
                else if (Math.Abs(votes[c] - votes[best]) <= tieTolerance)
                {
                    tied = true;
                }
            }

            if (tied)
            {
                best = BreakTie(members, weights, i, votes, votes[best] - tieTolerance, mass);
            }

            labels[i] = (byte)best;
        }

        return new Predictions(labels, classes);
    }

    /// <summary>Among the classes with the top vote, the one with the most summed weighted probability, then the lowest.</summary>
    private static int BreakTie(IReadOnlyList<EnsembleMember> members, double[] weights, int image, ReadOnlySpan<double> votes, double threshold, Span<double> mass)
    {
        mass.Clear();
        for (var m = 0; m < members.Count; m++)
        {
            var probabilities = members[m].Predictions.ProbabilitiesOf(image);
            for (var c = 0; c < probabilities.Length; c++)
            {
                mass[c] += weights[m] * probabilities[c];
            }
        }

        var best = -1;
        for (var c = 0; c < votes.Length; c++)
        {
            if (votes[c] >= threshold && (best < 0 || mass[c] > mass[best]))
            {
                best = c;
            }
        }

        return best;
    }

    private static Predictions Soft(IReadOnlyList<EnsembleMember> members, double[] weights)
    {
        var first = members[0].Predictions;
        var sum = new double[first.Probabilities.Length];
        for (var m = 0; m < members.Count; m++)
        {
            var p = members[m].Predictions.Probabilities;
            var w = weights[m];
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += w * p[k];
            }
        }

        return Predictions.FromProbabilities(Array.ConvertAll(sum, v => (float)v), first.ClassCount);
    }

    private static Predictions GeometricMean(IReadOnlyList<EnsembleMember> members, double[] weights)
    {
        var first = members[0].Predictions;
        var classes = first.ClassCount;
        var logSum = new double[first.Probabilities.Length];
        for (var m = 0; m < members.Count; m++)
        {
            var p = members[m].Predictions.Probabilities;
            var w = weights[m];
            for (var k = 0; k < logSum.Length; k++)
            {
                logSum[k] += w * Math.Log(Math.Max(p[k], GeometricMeanFloor));
            }
        }

        var result = new float[logSum.Length];
        for (var row = 0; row < logSum.Length; row += classes)
        {
            double total = 0;
            for (var c = 0; c < classes; c++)
            {
                logSum[row + c] = Math.Exp(logSum[row + c]);
                total += logSum[row + c];
            }

            for (var c = 0; c < classes; c++)
            {
                result[row + c] = (float)(logSum[row + c] / total);
            }
        }

        return Predictions.FromProbabilities(result, classes);
    }
}
