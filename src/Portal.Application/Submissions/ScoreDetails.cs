using Portal.Core.Scoring;

namespace Portal.Application.Submissions;

/// <summary>The metrics of a scored submission on each split, stored as JSON beside the scores.</summary>
public sealed record ScoreDetails(SplitScore Public, SplitScore Private)
{
    public static ScoreDetails From(ScoreReport publicReport, ScoreReport privateReport) => new(SplitScore.From(publicReport), SplitScore.From(privateReport));
}

/// <summary>The metrics of one split.</summary>
public sealed record SplitScore(
    double MacroF1,
    double WeightedF1,
    double Accuracy,
    long Images,
    IReadOnlyList<ClassScore> PerClass,
    IReadOnlyList<AttributeLine> Attributes,
    long[][] Confusion)
{
    public static SplitScore From(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Confusion.ClassCount;
        var confusion = Enumerable.Range(0, c).Select(r => Enumerable.Range(0, c).Select(k => report.Confusion[r, k]).ToArray()).ToArray();
        return new SplitScore(report.MacroF1, report.WeightedF1, report.Accuracy, report.Count, report.PerClass,
            report.Attributes.Select(a => new AttributeLine(a.Name, a.Accuracy, a.MacroF1)).ToList(), confusion);
    }
}

/// <summary>Accuracy and macro F1 of one attribute.</summary>
public sealed record AttributeLine(string Name, double Accuracy, double MacroF1);
