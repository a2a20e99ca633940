using Portal.Core.Comparison;
using Portal.Core.Scoring;

namespace Portal.Core.Tests.Cases;

/// <summary>Case 08: two submissions that both put every image in one class: kappa is undefined (scikit-learn 1.2.1: nan).</summary>
public sealed class KappaSingleClassCaseTests
{
    [Fact]
    public void Compare_BothPredictOneClass_KappaUndefinedAndTheRestAsExpected()
    {
        using var fixture = RealWorldCase.Load("08-kappa-single-class", "expected.json");
        var expected = fixture.Expected.RootElement;
        var a = fixture.Read("a.csv").GetValueOrThrow();
        var b = fixture.Read("b.csv").GetValueOrThrow();

        var agreement = PairComparer.Compare(a.Labels, b.Labels, fixture.Taxonomy);
        var mcnemar = McNemarTable.Compute(fixture.Truth.Labels, a.Labels, b.Labels);
        var scoreA = Scorer.Score(fixture.Truth.Labels, a.Labels, fixture.Taxonomy);
        var scoreB = Scorer.Score(fixture.Truth.Labels, b.Labels, fixture.Taxonomy);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, expected.GetProperty("kappa_sklearn_1_2_1").ValueKind);
        Assert.Null(agreement.Kappa);
        Assert.Equal("both submissions predict a single class, so chance agreement is 1", agreement.KappaUndefinedReason);
        Assert.Equal(expected.GetProperty("agreement").GetDouble(), agreement.Rate);
        var table = expected.GetProperty("mcnemar");
        Assert.Equal(table.GetProperty("onlyA").GetInt64(), mcnemar.OnlyACorrect);
        Assert.Equal(table.GetProperty("onlyB").GetInt64(), mcnemar.OnlyBCorrect);
        Assert.Equal(table.GetProperty("pValue").GetDouble(), mcnemar.PValue);
        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), scoreA.MacroF1, 1e-12);
        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), scoreB.MacroF1, 1e-12);
    }
}
