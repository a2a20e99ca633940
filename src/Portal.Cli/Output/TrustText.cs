using System.Globalization;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Trust;

namespace Portal.Cli.Output;

/// <summary>The human-readable reports of <c>portal interval</c>, <c>portal board</c> and <c>portal audit</c>.</summary>
internal static class TrustText
{
    public static void WriteInterval(TextWriter writer, string path, ScoreInterval interval, BootstrapScores scores)
    {
        writer.WriteLine($"{path}: macro F1 {Format.Score(interval.Score)}, {Format.Percent(interval.Confidence)} interval " +
                         $"{Format.Score(interval.Lower)} to {Format.Score(interval.Upper)}.");
        writer.WriteLine($"Bootstrap over {Format.Count(scores.Images)} images: {Format.Count(scores.Resamples)} resamples, seed {scores.Seed}. " +
                         "On other images like these, the score would fall in this range 95 times in 100.");
    }

    public static void WriteBoard(TextWriter writer, TieredBoard board, IReadOnlyList<string> files, int images)
    {
        writer.WriteLine($"{files.Count} submissions on {Format.Count(images)} images, {board.TierCount} tier{(board.TierCount == 1 ? "" : "s")}: " +
                         $"{Format.Percent(board.Confidence)} intervals from {Format.Count(board.Resamples)} paired-bootstrap resamples, seed {board.Seed}.");
        writer.WriteLine(TieredBoard.Rule);
        writer.WriteLine();
        var table = new TextTable(">rank", ">tier", "submission", ">macro F1", ">95% interval", ">gap to row above", ">95% interval of gap", "");
        foreach (var row in board.Rows)
        {
            var above = row.ToRowAbove;
            table.AddRow(Format.Plain(row.Position + 1), Format.Plain(row.Tier), files[row.Position], Format.Score(row.Score.Score),
                $"{Format.Score(row.Score.Lower)} to {Format.Score(row.Score.Upper)}",
                above is null ? "" : Format.Score(above.ObservedDifference),
                above is null ? "" : $"{Format.Signed(above.Lower)} to {Format.Signed(above.Upper)}",
                above is null ? "" : above.BeyondNoise ? "beyond noise" : "within noise");
        }

        table.Write(writer, "  ");
    }

    public static void WriteAudit(TextWriter writer, LabelAuditResult audit, ImageIndex images, ClassTaxonomy taxonomy)
    {
        if (audit.TotalSuspects == 0)
        {
            writer.WriteLine($"No suspected label errors: on none of the {Format.Count(audit.Images)} images does a majority of the " +
                             $"{audit.Submissions} submissions agree on a label other than the truth.");
            return;
        }

        var shown = audit.Suspects.Count == audit.TotalSuspects ? "" : $" (showing the strongest {audit.Suspects.Count})";
        writer.WriteLine($"{Format.Count(audit.TotalSuspects)} of {Format.Count(audit.Images)} images may be mislabelled: a majority of the " +
                         $"{audit.Submissions} submissions agrees on another label{shown}.");
        writer.WriteLine();
        var table = new TextTable("image", "truth", "consensus", ">agreement", ">confidence", "differs");
        foreach (var s in audit.Suspects)
        {
            table.AddRow(images[s.Image], $"{s.Truth} {taxonomy.ClassNames[s.Truth]}", $"{s.Consensus} {taxonomy.ClassNames[s.Consensus]}",
                string.Create(CultureInfo.InvariantCulture, $"{s.Votes}/{audit.Submissions} ({Format.Percent(s.Agreement)})"),
                s.MeanConfidence is { } c ? Format.Score(c) : "-",
                s.DifferingAttributes.Count == 0 ? "-" : string.Join(", ", s.DifferingAttributes));
        }

        table.Write(writer, "  ");
    }
}
