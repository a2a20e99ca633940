using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Cli.Output;

/// <summary>The human-readable report of <c>portal score</c>.</summary>
internal static class ScoreText
{
    public static void Write(TextWriter writer, ScoreReport report, ClassTaxonomy taxonomy, string submissionPath, string truthPath)
    {
        writer.WriteLine($"Scored {submissionPath} against {truthPath}: {Format.Count(report.Count)} images, {taxonomy.Count} classes.");
        writer.WriteLine();
        var headline = new TextTable("metric", ">value");
        headline.AddRow("Macro F1", Format.Score(report.MacroF1));
        headline.AddRow("Weighted F1", Format.Score(report.WeightedF1));
        headline.AddRow("Accuracy", Format.Score(report.Accuracy));
        headline.Write(writer, "  ", header: false);

        writer.WriteLine();
        writer.WriteLine("Per class");
        var perClass = new TextTable(">class", "name", ">precision", ">recall", ">F1", ">support");
        foreach (var s in report.PerClass)
        {
            perClass.AddRow(Format.Plain(s.Class), taxonomy.ClassNames[s.Class], Format.Score(s.Precision), Format.Score(s.Recall),
                Format.Score(s.F1), Format.Plain(s.Support));
        }

        perClass.Write(writer, "  ");

        if (report.Attributes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Per attribute");
            var attributes = new TextTable("attribute", ">accuracy", ">macro F1");
            foreach (var a in report.Attributes)
            {
                attributes.AddRow(a.Name, Format.Score(a.Accuracy), Format.Score(a.MacroF1));
            }

            attributes.Write(writer, "  ");
        }

        writer.WriteLine();
        writer.WriteLine("Confusion matrix (rows: true class, columns: predicted class)");
        MatrixText.Write(writer, report.Confusion, "true\\pred");
    }
}
