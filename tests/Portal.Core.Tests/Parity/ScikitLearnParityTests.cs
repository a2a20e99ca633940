using System.Text.Json;
using Portal.Core.Comparison;
using Portal.Core.Ensembles;
using Portal.Core.Scoring;

namespace Portal.Core.Tests.Parity;

/// <summary>Every metric equals scikit-learn's on the fixtures of tools/make_parity_fixtures.py.</summary>
public sealed class ScikitLearnParityTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> Submissions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ParityCase.Names)
        {
            data.Add(name, "a");
            data.Add(name, "b");
        }

        return data;
    }

    public static TheoryData<string> Cases() => new(ParityCase.Names);

    [Theory]
    [MemberData(nameof(Submissions))]
    public void Score_Fixture_EqualsScikitLearn(string name, string submission)
    {
        using var fixture = ParityCase.Load(name);
        var expected = fixture.Root.GetProperty(submission);
        var predictions = fixture.Read(submission + ".csv");

        var report = Scorer.Score(fixture.Truth.Labels, predictions.Labels, fixture.Taxonomy);

        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), report.MacroF1, Tolerance);
        Assert.Equal(expected.GetProperty("weightedF1").GetDouble(), report.WeightedF1, Tolerance);
        Assert.Equal(expected.GetProperty("accuracy").GetDouble(), report.Accuracy, Tolerance);
        foreach (var row in expected.GetProperty("perClass").EnumerateArray())
        {
            var actual = report.PerClass[row.GetProperty("class").GetInt32()];
            Assert.Equal(row.GetProperty("precision").GetDouble(), actual.Precision, Tolerance);
            Assert.Equal(row.GetProperty("recall").GetDouble(), actual.Recall, Tolerance);
            Assert.Equal(row.GetProperty("f1").GetDouble(), actual.F1, Tolerance);
            Assert.Equal(row.GetProperty("support").GetInt64(), actual.Support);
        }

        AssertMatrix(expected.GetProperty("confusion"), (r, c) => report.Confusion[r, c]);
        AssertMatrix(expected.GetProperty("confusionNormalizedTrue"), Cells(report.Confusion.Normalize(ConfusionNormalization.ByTruth)));
        AssertMatrix(expected.GetProperty("confusionNormalizedPred"), Cells(report.Confusion.Normalize(ConfusionNormalization.ByPrediction)));
        AssertMatrix(expected.GetProperty("confusionNormalizedAll"), Cells(report.Confusion.Normalize(ConfusionNormalization.All)));

        if (expected.TryGetProperty("attributes", out var attributes))
        {
            Assert.Equal(3, report.Attributes.Count);
            foreach (var attribute in report.Attributes)
            {
                var reference = attributes.GetProperty(attribute.Name);
                Assert.Equal(reference.GetProperty("accuracy").GetDouble(), attribute.Accuracy, Tolerance);
                Assert.Equal(reference.GetProperty("macroF1").GetDouble(), attribute.MacroF1, Tolerance);
            }
        }
        else
        {
            Assert.Empty(report.Attributes);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_Fixture_EqualsScikitLearnAndScipy(string name)
    {
        using var fixture = ParityCase.Load(name);
        var expected = fixture.Root.GetProperty("pair");
        var a = fixture.Read("a.csv");
        var b = fixture.Read("b.csv");

        var agreement = PairComparer.Compare(a.Labels, b.Labels, fixture.Taxonomy);
        var mcnemar = McNemarTable.Compute(fixture.Truth.Labels, a.Labels, b.Labels);

        Assert.Equal(expected.GetProperty("agreement").GetDouble(), agreement.Rate, Tolerance);
        Assert.NotNull(agreement.Kappa);
        Assert.Equal(expected.GetProperty("kappa").GetDouble(), agreement.Kappa.Value, 1e-12);
        AssertMatrix(expected.GetProperty("transition"), (r, c) => agreement.Transition[r, c]);
        var table = expected.GetProperty("mcnemar");
        Assert.Equal(table.GetProperty("bothCorrect").GetInt64(), mcnemar.BothCorrect);
        Assert.Equal(table.GetProperty("onlyACorrect").GetInt64(), mcnemar.OnlyACorrect);
        Assert.Equal(table.GetProperty("onlyBCorrect").GetInt64(), mcnemar.OnlyBCorrect);
        Assert.Equal(table.GetProperty("bothWrong").GetInt64(), mcnemar.BothWrong);
        Assert.Equal(table.GetProperty("pValue").GetDouble(), mcnemar.PValue, 1e-12);
        if (expected.TryGetProperty("attributeDisagreement", out var disagreement))
        {
            foreach (var attribute in agreement.Attributes)
            {
                Assert.Equal(disagreement.GetProperty(attribute.Name).GetInt64(), attribute.Count);
            }
        }
    }

    [Theory]
    [InlineData("soft", EnsembleMethod.Soft)]
    [InlineData("gmean", EnsembleMethod.GeometricMean)]
    [InlineData("hard", EnsembleMethod.Hard)]
    public void Ensemble_ProbabilityFixture_EqualsNumpy(string key, EnsembleMethod method)
    {
        using var fixture = ParityCase.Load("probabilities");
        var expected = fixture.Root.GetProperty("ensembles").GetProperty(key);
        var a = fixture.Read("a_probs.csv");
        var b = fixture.Read("b_probs.csv");
        var members = expected.GetProperty("members").EnumerateArray().Select(m => m.GetString() == "a" ? a : b).ToArray();
        var weights = expected.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();

        var ensemble = EnsembleBuilder.Combine(members.Select((p, i) => new EnsembleMember(p, weights[i])).ToArray(), method);

        foreach (var pair in expected.GetProperty("labels").EnumerateArray())
        {
            Assert.True(fixture.Truth.Images.TryGetPosition(pair[0].GetString(), out var position));
            Assert.Equal(pair[1].GetInt32(), ensemble.Labels[position]);
        }

        var macroF1 = Scorer.Score(fixture.Truth.Labels, ensemble.Labels, fixture.Taxonomy).MacroF1;
        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), macroF1, Tolerance);
    }

    [Fact]
    public void ProbabilitiesFile_Fixture_ArgmaxEqualsLabelsFile()
    {
        using var fixture = ParityCase.Load("probabilities");

        var fromProbabilities = fixture.Read("a_probs.csv");
        var fromLabels = fixture.Read("a.csv");

        Assert.True(fromProbabilities.HasProbabilities);
        Assert.Equal(fromLabels.Labels.ToArray(), fromProbabilities.Labels.ToArray());
    }

    private static Func<int, int, double> Cells(double[][] matrix) => (r, c) => matrix[r][c];

    private static void AssertMatrix(JsonElement expected, Func<int, int, double> actual)
    {
        var r = 0;
        foreach (var row in expected.EnumerateArray())
        {
            var c = 0;
            foreach (var cell in row.EnumerateArray())
            {
                Assert.Equal(cell.GetDouble(), actual(r, c), Tolerance);
                c++;
            }

            r++;
        }
    }
}
