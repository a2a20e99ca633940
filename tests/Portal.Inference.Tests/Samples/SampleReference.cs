using System.Globalization;

namespace Portal.Inference.Tests.Samples;

/// <summary>
/// The sample model's parity fixtures: faces at the model's input size and PyTorch eager's float32 softmax for each
/// (<c>probs.csv</c>, written by <c>tools/SampleModel/train_sample_model.py</c>).
/// </summary>
public static class SampleReference
{
    /// <summary>The most a probability may differ from PyTorch's.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The fixture folder in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "SampleModel");

    /// <summary>PyTorch's probabilities by image file name.</summary>
    public static IReadOnlyDictionary<string, double[]> ReadProbabilities(string? path = null)
    {
        var lines = File.ReadAllLines(path ?? Path.Combine(Folder, "probs.csv"));
        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToDictionary(fields => fields[0], fields => fields[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The largest absolute difference between two sets of probabilities over the same images and classes.</summary>
    public static double MaxAbsDifference(IReadOnlyDictionary<string, double[]> expected, IReadOnlyDictionary<string, double[]> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new ArgumentException("The two sets name different images.", nameof(actual));
        }

        var max = 0.0;
        foreach (var (id, row) in expected)
        {
            var other = actual[id];
            if (other.Length != row.Length)
            {
                throw new ArgumentException($"'{id}' has {other.Length} probabilities, not {row.Length}.", nameof(actual));
            }

            for (var c = 0; c < row.Length; c++)
            {
                max = Math.Max(max, Math.Abs(row[c] - other[c]));
            }
        }

        return max;
    }
}
