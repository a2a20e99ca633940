using Portal.Core.Competitions;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

/// <summary>Properties that must hold for any hidden set: checked over many seeded random cases.</summary>
public sealed class SubmissionPropertyTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 25));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Score_PerfectSubmission_ScoresOne(int seed)
    {
        var truth = Csv.Truth(200 + seed * 7, seed: seed);

        var predictions = Csv.ReadLabels(truth, Csv.LabelsFile(truth, truth.Labels)).GetValueOrThrow();
        var report = Scorer.Score(truth.Labels, predictions.Labels, ClassTaxonomy.MaskGenderAge);

        // Classes absent from the truth score 0 (zero division), so a perfect score needs every class present.
        var present = truth.Labels.ToArray().Distinct().Count();
        Assert.Equal(present / 18.0, report.MacroF1, 12);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(1.0, report.WeightedF1, 12);
        Assert.All(report.Attributes, a => Assert.Equal(1.0, a.Accuracy));
    }

    [Fact]
    public void Score_PerfectSubmissionWithEveryClass_MacroF1IsExactlyOne()
    {
        var truth = Csv.Truth(2000);

        var report = Scorer.Score(truth.Labels, truth.Labels, ClassTaxonomy.MaskGenderAge);

        Assert.Equal(1.0, report.MacroF1);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_ShuffledRowsCrlfAndBom_ChangeNothing(int seed)
    {
        var truth = Csv.Truth(300, seed: seed);
        var random = new Random(seed);
        var labels = Enumerable.Range(0, truth.Count).Select(_ => (byte)random.Next(18)).ToArray();
        var plain = Csv.ReadLabels(truth, Csv.LabelsFile(truth, labels)).GetValueOrThrow();

        var rows = Csv.LabelsFile(truth, labels).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shuffled = rows.Skip(1).OrderBy(_ => random.Next()).Prepend(rows[0]).ToArray();
        var text = string.Join("\r\n", shuffled) + (seed % 2 == 0 ? "\r\n" : "");
        var variant = PredictionCsvReader.Read(Csv.Stream(text, bom: true), truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow();

        Assert.Equal(plain.Labels.ToArray(), variant.Labels.ToArray());
        Assert.Equal(
            Scorer.Score(truth.Labels, plain.Labels, ClassTaxonomy.MaskGenderAge).MacroF1,
            Scorer.Score(truth.Labels, variant.Labels, ClassTaxonomy.MaskGenderAge).MacroF1);
    }

    [Fact]
    public void Read_LargeFile_StreamsAllRows()
    {
        var truth = Csv.Truth(50_000);

        var result = Csv.ReadLabels(truth, Csv.LabelsFile(truth, truth.Labels));

        Assert.True(result.IsValid);
        Assert.Equal(truth.Labels.ToArray(), result.Value!.Labels.ToArray());
    }
}
