using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portal.Cli.Commands;
using Portal.Cli.Output.Json;
using Portal.Core.Competitions;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Core.Trust;
using Portal.TrainingRuns;

namespace Portal.Cli.Output;

/// <summary>The <c>--json</c> documents: results mapped to the JSON models and written with the source-generated context.</summary>
internal static class JsonReport
{
    // Class names such as "<30" stay readable: the output goes to a terminal or a script, never into HTML.
    private static readonly CliJsonContext Context = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void WriteScore(TextWriter writer, ScoreReport report, ClassTaxonomy taxonomy)
    {
        var document = new ScoreJson(
            report.MacroF1,
            report.WeightedF1,
            report.Accuracy,
            report.PerClass.Select(s => new ClassScoreJson(s.Class, taxonomy.ClassNames[s.Class], s.Precision, s.Recall, s.F1, s.Support)).ToArray(),
            Rows(report.Confusion),
            report.Attributes.Select(a => new AttributeScoreJson(a.Name, a.Accuracy, a.MacroF1)).ToArray(),
            report.Count);
        Write(writer, document, Context.ScoreJson);
    }

    public static void WriteDiff(TextWriter writer, DiffResult result)
    {
        var agreement = result.Agreement;
        DiffTruthJson? truth = null;
        if (result.Truth is { } t)
        {
            var b = t.Bootstrap;
            truth = new DiffTruthJson(
                t.A.MacroF1,
                t.B.MacroF1,
                t.A.PerClass.Select((s, c) => new ClassF1DifferenceJson(c, s.F1, t.B.PerClass[c].F1, t.B.PerClass[c].F1 - s.F1)).ToArray(),
                new McNemarJson(t.McNemar.BothCorrect, t.McNemar.OnlyACorrect, t.McNemar.OnlyBCorrect, t.McNemar.BothWrong, t.McNemar.PValue),
                new BootstrapJson(b.ObservedDifference, b.Lower, b.Upper, b.Confidence, b.Resamples, b.Seed, b.BeyondNoise, b.Verdict));
        }

        var document = new DiffJson(
            agreement.Rate,
            agreement.Kappa,
            agreement.KappaUndefinedReason,
            Rows(agreement.Transition),
            agreement.Attributes.Select(a => new AttributeDisagreementJson(a.Name, a.Count, a.Rate)).ToArray(),
            agreement.CountsA,
            agreement.CountsB,
            truth);
        Write(writer, document, Context.DiffJson);
    }

    public static void WriteSplit(TextWriter writer, SplitResult result)
    {
        var document = new SplitJson(
            result.PublicCount,
            result.PrivateCount,
            result.PublicPerClass.Select((p, c) => new SplitClassJson(c, p, result.PrivatePerClass[c])).ToArray());
        Write(writer, document, Context.SplitJson);
    }

    public static void WriteEnsemble(TextWriter writer, EnsembleResult result)
    {
        var document = new EnsembleJson(
            result.Method,
            result.Members.Select((m, i) => new EnsembleMemberJson(m, result.Weights[i])).ToArray(),
            result.OutPath,
            result.Count,
            result.Format == SubmissionFormat.Labels ? "labels" : "probabilities");
        Write(writer, document, Context.EnsembleJson);
    }

    public static void WriteInterval(TextWriter writer, ScoreInterval interval, BootstrapScores scores) =>
        Write(writer, new IntervalJson(interval.Score, interval.Lower, interval.Upper, interval.Confidence, scores.Resamples, scores.Seed, scores.Images),
            Context.IntervalJson);

    public static void WriteAudit(TextWriter writer, LabelAuditResult audit, ImageIndex images, ClassTaxonomy taxonomy)
    {
        var suspects = audit.Suspects
            .Select(s => new AuditSuspectJson(images[s.Image], s.Truth, taxonomy.ClassNames[s.Truth], s.Consensus, taxonomy.ClassNames[s.Consensus],
                s.Agreement, s.Votes, s.MeanConfidence, s.DifferingAttributes))
            .ToArray();
        Write(writer, new AuditJson(audit.Submissions, audit.Images, audit.TotalSuspects, suspects), Context.AuditJson);
    }

    public static void WriteBoard(TextWriter writer, TieredBoard board, IReadOnlyList<string> files)
    {
        var rows = board.Rows
            .Select(r => new BoardRowJson(r.Position + 1, files[r.Position], r.Score.Score, r.Score.Lower, r.Score.Upper, r.Tier,
                r.ToRowAbove is { } d ? new DifferenceJson(d.ObservedDifference, d.Lower, d.Upper, d.BeyondNoise) : null))
            .ToArray();
        Write(writer, new BoardJson(board.Resamples, board.Seed, board.Confidence, board.TierCount, TieredBoard.Rule, rows), Context.BoardJson);
    }

    public static void WriteCurves(TextWriter writer, TrainingRunSet set)
    {
        var series = set.Series
            .Select(s => (Series: s, Summary: s.Summarize()))
            .Select(p => new CurveSeriesJson(p.Series.Run, p.Series.Tag, p.Summary.Points,
                p.Summary.LastStep is { } ls ? new CurvePointJson(ls, p.Summary.LastValue!.Value) : null,
                p.Summary.BestStep is { } bs ? new CurvePointJson(bs, p.Summary.BestValue!.Value) : null,
                CurveDirection.Name(p.Summary.Direction), CurvePoints.Of(p.Series)))
            .ToArray();
        Write(writer, new CurvesJson(set.Files, series, set.HParams), Context.CurvesJson);
    }

    private static long[][] Rows(ConfusionMatrix matrix)
    {
        var rows = new long[matrix.ClassCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = matrix.Counts.Slice(r * matrix.ClassCount, matrix.ClassCount).ToArray();
        }

        return rows;
    }

    private static void Write<T>(TextWriter writer, T document, JsonTypeInfo<T> typeInfo) =>
        writer.WriteLine(JsonSerializer.Serialize(document, typeInfo));
}
