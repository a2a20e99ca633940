using System.Text;

namespace Portal.TrainingRuns.Tests.Support;

/// <summary>Seeded damage to valid files: byte flips, cuts, dropped and doubled spans.</summary>
internal static class Mutations
{
    /// <summary>A damaged copy of <paramref name="bytes"/>: one to four changes of a random kind.</summary>
    public static byte[] Damage(byte[] bytes, Random random)
    {
        var result = bytes.ToList();
        var changes = random.Next(1, 5);
        for (var c = 0; c < changes && result.Count > 0; c++)
        {
            var at = random.Next(result.Count);
            switch (random.Next(5))
            {
                case 0:
                    result[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    result[at] = (byte)random.Next(256);
                    break;
                case 2:
                    result.RemoveRange(at, result.Count - at);
                    break;
                case 3:
                    result.RemoveRange(at, Math.Min(result.Count - at, random.Next(1, 16)));
                    break;
                default:
                    result.InsertRange(at, result.Skip(random.Next(result.Count)).Take(random.Next(1, 16)).ToArray());
                    break;
            }
        }

        return [.. result];
    }

    /// <summary>A damaged copy of a text file, through its UTF-8 bytes.</summary>
    public static byte[] Damage(string text, Random random) => Damage(Encoding.UTF8.GetBytes(text), random);
}
