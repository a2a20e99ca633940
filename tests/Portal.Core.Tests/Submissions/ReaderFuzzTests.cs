using System.Text;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

/// <summary>Random bytes and random mutations of valid files never throw: every outcome is a result.</summary>
public sealed class ReaderFuzzTests
{
    private static readonly GroundTruth Truth = Csv.Truth(40);
    private static readonly byte[] Interesting = "\",;\t|\r\n\0 \u00ff-.e0123456789ImageIDans"u8.ToArray();

    [Fact]
    public void Read_RandomBytes_NeverThrows()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);

            AssertReadsToResult(bytes);
        }
    }

    [Fact]
    public void Read_MutatedValidFiles_NeverThrow()
    {
        var random = new Random(7);
        var labels = Enumerable.Range(0, Truth.Count).Select(_ => (byte)random.Next(18)).ToArray();
        var valid = Encoding.UTF8.GetBytes(Csv.LabelsFile(Truth, labels));
        var probabilities = Encoding.UTF8.GetBytes(ProbabilitiesFile(random));
        var mutationsSeen = 0;
        for (var i = 0; i < 3000; i++)
        {
            var source = i % 3 == 0 ? probabilities : valid;
            var bytes = Mutate(source, random);

            var result = AssertReadsToResult(bytes);
            mutationsSeen += result.IsValid ? 0 : 1;
        }

        // The mutations must actually break files, or this test proves nothing.
        Assert.True(mutationsSeen > 1500, $"only {mutationsSeen} mutated files were rejected");
    }

    [Fact]
    public void ReadTruth_RandomAndMutatedInput_NeverThrows()
    {
        var random = new Random(11);
        var valid = Encoding.UTF8.GetBytes(Csv.LabelsFile(Truth, Truth.Labels));
        for (var i = 0; i < 1500; i++)
        {
            var bytes = i % 2 == 0 ? Mutate(valid, random) : RandomBytes(random);

            var result = TruthCsvReader.Read(new MemoryStream(bytes), 18);

            Assert.True(result.IsValid || result.Problems.Count > 0);
        }
    }

    private static ReadResult<Predictions> AssertReadsToResult(byte[] bytes)
    {
        var result = PredictionCsvReader.Read(new MemoryStream(bytes), Truth.Images, ClassTaxonomy.MaskGenderAge);
        Assert.True(result.IsValid || result.Problems.Count > 0, "an invalid result must list a problem");
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        return result;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            var value = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
            switch (random.Next(4))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 60))); break;
            }
        }

        return bytes.ToArray();
    }

    private static string ProbabilitiesFile(Random random)
    {
        var sb = new StringBuilder("ImageID," + string.Join(",", Enumerable.Range(0, 18)) + "\n");
        for (var i = 0; i < Truth.Count; i++)
        {
            var hot = random.Next(18);
            sb.Append(Truth.Images[i]).Append(',').AppendJoin(",", Enumerable.Range(0, 18).Select(c => c == hot ? "1" : "0")).Append('\n');
        }

        return sb.ToString();
    }
}
