namespace Portal.Core.Tests.Trust;

/// <summary>Seeded labellings for the trust tests: a skewed truth and submissions with a chosen share of random mistakes.</summary>
internal static class TrustData
{
    /// <summary><paramref name="count"/> labels over <paramref name="classes"/> classes, class k about twice as likely as class k + C/2.</summary>
    public static byte[] Truth(int count, int classes = 18, int seed = 1)
    {
        var random = new Random(seed);
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var k = random.Next(classes);
            labels[i] = (byte)(k >= classes / 2 && random.NextDouble() < 0.5 ? k - classes / 2 : k);
        }

        return labels;
    }

    /// <summary>The truth with each label replaced, with probability <paramref name="noise"/>, by a uniformly drawn class.</summary>
    public static byte[] Noisy(ReadOnlySpan<byte> truth, double noise, int seed, int classes = 18)
    {
        var random = new Random(seed);
        var labels = truth.ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (random.NextDouble() < noise)
            {
                labels[i] = (byte)random.Next(classes);
            }
        }

        return labels;
    }

    /// <summary><paramref name="count"/> noisy submissions with noise from <paramref name="lowest"/> up in steps of <paramref name="step"/>.</summary>
    public static byte[][] Board(byte[] truth, int count, double lowest, double step, int seed = 100, int classes = 18) =>
        Enumerable.Range(0, count).Select(s => Noisy(truth, lowest + step * s, seed + s, classes)).ToArray();

    public static ReadOnlyMemory<byte>[] Memories(IEnumerable<byte[]> labels) => labels.Select(l => (ReadOnlyMemory<byte>)l).ToArray();
}
