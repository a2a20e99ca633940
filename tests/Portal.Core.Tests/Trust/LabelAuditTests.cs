using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class LabelAuditTests
{
    private static readonly ClassTaxonomy Mask = ClassTaxonomy.MaskGenderAge;

    [Fact]
    public void Find_PlantedLabelErrors_AreTheStrongestSuspects()
    {
        // Arrange: seven submissions, each right on about 90 % of the real labels; the recorded truth has 15 errors
        // planted: 5 gender flips, 5 age shifts, 5 mask changes.
        var real = TrustData.Truth(3000, seed: 21);
        var submissions = TrustData.Board(real, 7, 0.10, 0.0, seed: 300).Select(l => new Predictions(l, 18)).ToList();
        var recorded = real.ToArray();
        var planted = new Dictionary<int, string>();
        var random = new Random(4);
        foreach (var (axis, name) in new[] { (1, "gender"), (2, "age"), (0, "mask") })
        {
            for (var n = 0; n < 5; n++)
            {
                var image = random.Next(real.Length);
                while (planted.ContainsKey(image))
                {
                    image = random.Next(real.Length);
                }

                recorded[image] = (byte)Shift(real[image], axis);
                planted[image] = name;
            }
        }

        // Act
        var audit = LabelAudit.Find(recorded, submissions, Mask);

        // Assert
        var top = audit.Suspects.Take(planted.Count).ToList();
        Assert.Equal(planted.Keys.Order(), top.Select(s => s.Image).Order());
        Assert.All(top, s =>
        {
            Assert.Equal(real[s.Image], s.Consensus);
            Assert.Equal(recorded[s.Image], s.Truth);
            Assert.Equal([planted[s.Image]], s.DifferingAttributes);
            Assert.True(s.Agreement > 0.5);
            Assert.Null(s.MeanConfidence);
        });
        Assert.True(audit.TotalSuspects <= planted.Count + 2, $"{audit.TotalSuspects} suspects for 15 planted errors");
        Assert.Equal((7, 3000), (audit.Submissions, audit.Images));
    }

    [Fact]
    public void Find_OrdersByAgreementThenConfidence()
    {
        byte[] truth = [0, 0, 0, 0];
        // Image 0: 3 of 3 say 1; image 1: 2 of 3 say 2 (less confident); image 2: 2 of 3 say 3 (more confident); image 3 fine.
        var a = Probabilities([(1, 0.9f), (2, 0.6f), (3, 0.9f), (0, 0.9f)]);
        var b = Probabilities([(1, 0.8f), (2, 0.6f), (3, 0.9f), (0, 0.9f)]);
        var c = Probabilities([(1, 0.7f), (4, 0.9f), (5, 0.9f), (0, 0.9f)]);

        var audit = LabelAudit.Find(truth, [a, b, c], Mask);

        Assert.Equal([0, 2, 1], audit.Suspects.Select(s => s.Image));
        Assert.Equal(1.0, audit.Suspects[0].Agreement);
        Assert.Equal((0.9 + 0.8 + 0.7) / 3, audit.Suspects[0].MeanConfidence!.Value, 6);
        Assert.Equal(2.0 / 3, audit.Suspects[1].Agreement, 12);
        Assert.Equal(["age"], audit.Suspects[0].DifferingAttributes);
    }

    [Fact]
    public void Find_HalfTheVotes_IsNotAMajority()
    {
        byte[] truth = [0, 0];
        var a = new Predictions([1, 1], 18);
        var b = new Predictions([1, 0], 18);

        var audit = LabelAudit.Find(truth, [a, b], Mask);

        Assert.Equal([0], audit.Suspects.Select(s => s.Image));
    }

    [Fact]
    public void Find_Limit_KeepsTheStrongestAndCountsAll()
    {
        byte[] truth = [0, 0, 0];
        var a = new Predictions([1, 1, 1], 18);
        var b = new Predictions([1, 1, 2], 18);
        var c = new Predictions([1, 2, 2], 18);

        var audit = LabelAudit.Find(truth, [a, b, c], Mask, limit: 1);

        Assert.Equal(0, Assert.Single(audit.Suspects).Image);
        Assert.Equal(3, audit.TotalSuspects);
    }

    [Fact]
    public void Find_BadInputs_Throw()
    {
        byte[] truth = [0, 1];
        var one = new Predictions([0, 1], 18);

        Assert.Throws<ArgumentException>(() => LabelAudit.Find(truth, [one], Mask));
        Assert.Throws<ArgumentException>(() => LabelAudit.Find(truth, [one, new Predictions([0], 18)], Mask));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelAudit.Find(truth, [one, one], Mask, minimumAgreement: 0.4));
    }

    /// <summary>The class with attribute <paramref name="axis"/> moved to its next value.</summary>
    private static int Shift(int label, int axis)
    {
        int[] values = [Mask.ValueOf(0, label), Mask.ValueOf(1, label), Mask.ValueOf(2, label)];
        values[axis] = (values[axis] + 1) % Mask.Axes[axis].Size;
        return Mask.Compose(values);
    }

    /// <summary>A probabilities submission over 18 classes: per image the top class and its probability, the rest spread evenly.</summary>
    private static Predictions Probabilities((int Label, float P)[] rows)
    {
        var probabilities = new float[rows.Length * 18];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var c = 0; c < 18; c++)
            {
                probabilities[i * 18 + c] = c == rows[i].Label ? rows[i].P : (1 - rows[i].P) / 17;
            }
        }

        return Predictions.FromProbabilities(probabilities, 18);
    }
}
