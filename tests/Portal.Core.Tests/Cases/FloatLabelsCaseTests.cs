using Portal.Core.Scoring;

namespace Portal.Core.Tests.Cases;

/// <summary>Case 02: a pandas submission whose labels went through float (<c>6.0</c>) scores as scikit-learn 1.2.1 scores it.</summary>
public sealed class FloatLabelsCaseTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Score_FloatLabelsSubmission_EqualsScikitLearn()
    {
        using var fixture = RealWorldCase.Load("02-float-labels", "expected_if_accepted.json");
        var expected = fixture.Expected.RootElement;

        var read = fixture.Read("submission.csv");
        Assert.Empty(read.Problems);
        var report = Scorer.Score(fixture.Truth.Labels, read.Value!.Labels, fixture.Taxonomy);

        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), report.MacroF1, Tolerance);
        Assert.Equal(expected.GetProperty("weightedF1").GetDouble(), report.WeightedF1, Tolerance);
        Assert.Equal(expected.GetProperty("accuracy").GetDouble(), report.Accuracy, Tolerance);
        var rows = expected.GetProperty("perClass").EnumerateArray().ToList();
        Assert.Equal(18, rows.Count);
        foreach (var row in rows)
        {
            var actual = report.PerClass[row.GetProperty("class").GetInt32()];
            Assert.Equal(row.GetProperty("precision").GetDouble(), actual.Precision, Tolerance);
            Assert.Equal(row.GetProperty("recall").GetDouble(), actual.Recall, Tolerance);
            Assert.Equal(row.GetProperty("f1").GetDouble(), actual.F1, Tolerance);
            Assert.Equal(row.GetProperty("support").GetInt64(), actual.Support);
        }
    }
}
