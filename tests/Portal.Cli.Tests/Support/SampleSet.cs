using System.Globalization;
using System.Text;
using Portal.Core.Submissions;

namespace Portal.Cli.Tests.Support;

/// <summary>
/// A made-up hidden set (ids of 40 hex digits + an extension, as real ones are) and submissions
/// derived from it, written as the CSV files <c>portal</c> reads.
/// </summary>
public sealed class SampleSet
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    public SampleSet(int count, int classCount, int seed)
    {
        var random = new Random(seed);
        ClassCount = classCount;
        Ids = new string[count];
        Truth = new byte[count];
        for (var i = 0; i < count; i++)
        {
            Ids[i] = Convert.ToHexStringLower(RandomBytes(random, 20)) + Extensions[random.Next(Extensions.Length)];
            Truth[i] = (byte)random.Next(classCount);
        }
    }

    public string[] Ids { get; }

    public byte[] Truth { get; }

    public int ClassCount { get; }

    public int Count => Ids.Length;

    /// <summary>Labels that equal the truth with probability <paramref name="accuracy"/>, else a random class.</summary>
    public byte[] NoisyLabels(double accuracy, int seed)
    {
        var random = new Random(seed);
        return Truth.Select(t => random.NextDouble() < accuracy ? t : (byte)random.Next(ClassCount)).ToArray();
    }

    /// <summary>Rows of probabilities (row-major) peaked on the truth with probability <paramref name="accuracy"/>.</summary>
    public float[] NoisyProbabilities(double accuracy, int seed)
    {
        var random = new Random(seed);
        var probabilities = new float[Count * ClassCount];
        for (var i = 0; i < Count; i++)
        {
            var row = probabilities.AsSpan(i * ClassCount, ClassCount);
            double sum = 0;
            var weights = new double[ClassCount];
            for (var c = 0; c < ClassCount; c++)
            {
                weights[c] = random.NextDouble();
            }

            weights[random.NextDouble() < accuracy ? Truth[i] : random.Next(ClassCount)] += 3;
            foreach (var w in weights)
            {
                sum += w;
            }

            for (var c = 0; c < ClassCount; c++)
            {
                row[c] = (float)(weights[c] / sum);
            }
        }

        return probabilities;
    }

    /// <summary>The truth as <c>ImageID,ans</c>.</summary>
    public string TruthCsv() => LabelsCsv(Truth);

    /// <summary>Labels as <c>ImageID,ans</c>, rows in <paramref name="order"/> (default: truth order).</summary>
    public string LabelsCsv(byte[] labels, int[]? order = null)
    {
        var text = new StringBuilder("ImageID,ans\n");
        foreach (var i in order ?? Enumerable.Range(0, Count))
        {
            text.Append(CultureInfo.InvariantCulture, $"{Ids[i]},{labels[i]}\n");
        }

        return text.ToString();
    }

    /// <summary>Probabilities as <c>ImageID,0,...,C-1</c>, in truth order.</summary>
    public string ProbabilitiesCsv(float[] probabilities)
    {
        var text = new StringBuilder("ImageID");
        for (var c = 0; c < ClassCount; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $",{c}");
        }

        text.Append('\n');
        for (var i = 0; i < Count; i++)
        {
            text.Append(Ids[i]);
            for (var c = 0; c < ClassCount; c++)
            {
                text.Append(',').Append(probabilities[i * ClassCount + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A shuffled row order, so readers are seen to match by id, not by position.</summary>
    public int[] ShuffledOrder(int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>The index of the truth's ids.</summary>
    public ImageIndex Index() => new(Ids);

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
