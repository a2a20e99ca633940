using Portal.Core.Randomness;

namespace Portal.Inference.Synthetic;

/// <summary>Shorthands for drawing the generator's parameters.</summary>
internal static class RandomExtensions
{
    public static float Range(ref this DeterministicRandom random, float min, float max) =>
        min + (float)random.NextDouble() * (max - min);

    public static bool Chance(ref this DeterministicRandom random, double probability) => random.NextDouble() < probability;

    /// <summary>An index drawn with the given relative weights.</summary>
    public static int Pick(ref this DeterministicRandom random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
