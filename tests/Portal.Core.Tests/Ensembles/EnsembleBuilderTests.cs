using Portal.Core.Ensembles;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Ensembles;

public sealed class EnsembleBuilderTests
{
    private static Predictions Probabilities(params float[][] rows) =>
        Predictions.FromProbabilities(rows.SelectMany(r => r).ToArray(), rows[0].Length);

    private static Predictions Labels(params byte[] labels) => new(labels, 3);

    [Theory]
    [InlineData(EnsembleMethod.Hard)]
    [InlineData(EnsembleMethod.Soft)]
    [InlineData(EnsembleMethod.GeometricMean)]
    public void Combine_OneMember_EqualsThatMember(EnsembleMethod method)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            var raw = Enumerable.Range(0, 3).Select(_ => (float)random.NextDouble()).ToArray();
            var sum = raw.Sum();
            return raw.Select(v => v / sum).ToArray();
        }).ToArray();
        var member = Probabilities(rows);

        var ensemble = EnsembleBuilder.Combine([new EnsembleMember(member, 2.5)], method);

        Assert.Equal(member.Labels.ToArray(), ensemble.Labels.ToArray());
        if (method == EnsembleMethod.Soft)
        {
            Assert.Equal(member.Probabilities.ToArray(), ensemble.Probabilities.ToArray());
        }
    }

    [Fact]
    public void Hard_WeightedMajority_Wins()
    {
        var ensemble = EnsembleBuilder.Combine(
            [new EnsembleMember(Labels(0, 1)), new EnsembleMember(Labels(2, 2), 2), new EnsembleMember(Labels(0, 0), 1.5)],
            EnsembleMethod.Hard);

        Assert.Equal([0, 2], ensemble.Labels.ToArray());
    }

    [Fact]
    public void Hard_TieWithoutProbabilities_GoesToLowestClass()
    {
        var ensemble = EnsembleBuilder.Combine([new EnsembleMember(Labels(2)), new EnsembleMember(Labels(1))], EnsembleMethod.Hard);

        Assert.Equal([1], ensemble.Labels.ToArray());
    }

    [Fact]
    public void Hard_TieWithProbabilities_GoesToHigherSummedProbability()
    {
        var a = Probabilities([0.1f, 0.3f, 0.6f]);
        var b = Probabilities([0.1f, 0.5f, 0.4f]);

        var ensemble = EnsembleBuilder.Combine([new EnsembleMember(a), new EnsembleMember(b)], EnsembleMethod.Hard);

        Assert.Equal([2], ensemble.Labels.ToArray());
    }

    [Fact]
    public void Soft_WeightedMean_DecidesTheLabel()
    {
        var a = Probabilities([0.6f, 0.4f, 0f]);
        var b = Probabilities([0.2f, 0.8f, 0f]);

        var equal = EnsembleBuilder.Combine([new EnsembleMember(a), new EnsembleMember(b)], EnsembleMethod.Soft);
        var favourA = EnsembleBuilder.Combine([new EnsembleMember(a, 3), new EnsembleMember(b)], EnsembleMethod.Soft);

        Assert.Equal([1], equal.Labels.ToArray());
        Assert.Equal(0.4f, equal.ProbabilitiesOf(0)[0], 6);
        Assert.Equal([0], favourA.Labels.ToArray());
    }

    [Fact]
    public void GeometricMean_ZeroProbability_VetoesTheClass()
    {
        var a = Probabilities([0.5f, 0.5f, 0f]);
        var b = Probabilities([0.05f, 0f, 0.95f]);

        var ensemble = EnsembleBuilder.Combine([new EnsembleMember(a), new EnsembleMember(b)], EnsembleMethod.GeometricMean);

        Assert.Equal([0], ensemble.Labels.ToArray());
        Assert.Equal(1.0, ensemble.ProbabilitiesOf(0).ToArray().Sum(), 5);
    }

    [Fact]
    public void Soft_LabelsOnlyMember_ExplainsWhy()
    {
        var error = Assert.Throws<EnsembleException>(() =>
            EnsembleBuilder.Combine([new EnsembleMember(Probabilities([1f, 0f, 0f])), new EnsembleMember(Labels(0), Name: "sub.csv")], EnsembleMethod.Soft));

        Assert.Contains("sub.csv has labels only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_MembersOfDifferentSize_Throw()
    {
        Assert.Throws<EnsembleException>(() => EnsembleBuilder.Combine([new EnsembleMember(Labels(0, 1)), new EnsembleMember(Labels(0))], EnsembleMethod.Hard));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Combine_BadWeight_Throws(double weight)
    {
        Assert.Throws<EnsembleException>(() => EnsembleBuilder.Combine([new EnsembleMember(Labels(0), weight)], EnsembleMethod.Hard));
    }

    [Fact]
    public void Combine_AllWeightsZero_Throws()
    {
        Assert.Throws<EnsembleException>(() => EnsembleBuilder.Combine([new EnsembleMember(Labels(0), 0)], EnsembleMethod.Hard));
    }
}
