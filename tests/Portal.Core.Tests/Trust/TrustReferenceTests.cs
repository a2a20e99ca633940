using System.Globalization;
using System.Text.Json;
using Portal.Core.Competitions;
using Portal.Core.Randomness;
using Portal.Core.Submissions;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

/// <summary>
/// Against tools/trust_reference.py: numpy and scikit-learn on the same resamples (the portal's generator reimplemented
/// in Python), so the numbers agree to floating-point rounding, not to a sampling tolerance.
/// </summary>
public sealed class TrustReferenceTests : IDisposable
{
    private const double Tolerance = 1e-12;
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Trust", "board");
    private readonly JsonDocument _expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
    private readonly GroundTruth _truth = TruthCsvReader.Read(Path.Combine(Folder, "truth.csv"), 18).GetValueOrThrow();

    private JsonElement Root => _expected.RootElement;

    public void Dispose() => _expected.Dispose();

    [Fact]
    public void Random_FirstOutputsAndDrawsOfStreamZero_EqualThePythonTwin()
    {
        var rng = DeterministicRandom.ForStream(42, 0);
        var outputs = Root.GetProperty("stream0FirstOutputs").EnumerateArray().Select(e => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(outputs, Enumerable.Range(0, 4).Select(_ => rng.NextUInt64()));

        var draws = DeterministicRandom.ForStream(42, 0);
        Assert.Equal(Root.GetProperty("stream0FirstDraws").EnumerateArray().Select(e => e.GetInt32()),
            Enumerable.Range(0, 8).Select(_ => draws.NextInt(_truth.Count)));
    }

    [Fact]
    public void BoardTiers_EqualsNumpyAndScikitLearnOnTheSameResamples()
    {
        // Arrange: the rows in the reference's board order.
        var expectedRows = Root.GetProperty("board").EnumerateArray().ToArray();
        var rows = expectedRows.Select(r => (ReadOnlyMemory<byte>)Read(r.GetProperty("file").GetString()!).Labels.ToArray()).ToArray();

        // Act
        var board = BoardTiers.Compute(_truth.Labels, rows, 18, Root.GetProperty("resamples").GetInt32(), Root.GetProperty("seed").GetUInt64());

        // Assert
        Assert.Equal(expectedRows.Length, board.Rows.Count);
        for (var i = 0; i < expectedRows.Length; i++)
        {
            var expected = expectedRows[i];
            var row = board.Rows[i];
            Assert.Equal(expected.GetProperty("macroF1").GetDouble(), row.Score.Score, Tolerance);
            Assert.Equal(expected.GetProperty("lower").GetDouble(), row.Score.Lower, Tolerance);
            Assert.Equal(expected.GetProperty("upper").GetDouble(), row.Score.Upper, Tolerance);
            Assert.Equal(expected.GetProperty("tier").GetInt32(), row.Tier);
            if (expected.TryGetProperty("toAbove", out var above))
            {
                Assert.Equal(above.GetProperty("observed").GetDouble(), row.ToRowAbove!.ObservedDifference, Tolerance);
                Assert.Equal(above.GetProperty("lower").GetDouble(), row.ToRowAbove.Lower, Tolerance);
                Assert.Equal(above.GetProperty("upper").GetDouble(), row.ToRowAbove.Upper, Tolerance);
                Assert.Equal(above.GetProperty("fractionAboveBetter").GetDouble(), row.ToRowAbove.FractionBBetter);
            }
        }

        // The fixture has a row tied with the row above yet beyond noise of its tier's leader: chaining would differ.
        Assert.Contains(board.Rows, r => r.StartsTier && r.ToRowAbove is { BeyondNoise: false });
    }

    [Fact]
    public void LabelAudit_FindsThePlantedErrorsAsNumpyCounts()
    {
        var submissions = Enumerable.Range(0, 6).Select(s => Read($"sub_{s}.csv")).ToList();

        var audit = LabelAudit.Find(_truth.Labels, submissions, ClassTaxonomy.MaskGenderAge);

        var expected = Root.GetProperty("audit").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, audit.TotalSuspects);
        for (var i = 0; i < expected.Length; i++)
        {
            var suspect = audit.Suspects[i];
            Assert.Equal(expected[i].GetProperty("imageId").GetString(), _truth.Images[suspect.Image]);
            Assert.Equal(expected[i].GetProperty("truth").GetInt32(), suspect.Truth);
            Assert.Equal(expected[i].GetProperty("consensus").GetInt32(), suspect.Consensus);
            Assert.Equal(expected[i].GetProperty("agreement").GetDouble(), suspect.Agreement, Tolerance);
            Assert.Equal(expected[i].GetProperty("meanConfidence").GetDouble(), suspect.MeanConfidence!.Value, 1e-7);
            Assert.Equal(expected[i].GetProperty("differingAttributes").EnumerateArray().Select(a => a.GetString()), suspect.DifferingAttributes);
        }

        var planted = Root.GetProperty("planted").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.True(planted.IsSubsetOf(audit.Suspects.Select(s => _truth.Images[s.Image])), "every planted error is a suspect");
    }

    [Fact]
    public void KendallTau_OfTheHalves_EqualsScipy()
    {
        var halves = Root.GetProperty("halves");
        var first = halves.GetProperty("first").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var second = halves.GetProperty("second").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Assert.Equal(halves.GetProperty("kendallTau").GetDouble(), KendallTau.TauB(first, second)!.Value, Tolerance);
    }

    private Predictions Read(string file) =>
        PredictionCsvReader.Read(Path.Combine(Folder, file), _truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow();
}
