using Portal.Cli.Commands;
using Portal.Core.Competitions;

namespace Portal.Cli.Output;

/// <summary>The human-readable report of <c>portal diff</c>.</summary>
internal static class DiffText
{
    public static void Write(TextWriter writer, DiffResult result, ClassTaxonomy taxonomy)
    {
        var agreement = result.Agreement;
        writer.WriteLine($"Compared A = {result.PathA} with B = {result.PathB}: {Format.Count(agreement.Count)} images, {taxonomy.Count} classes.");
        writer.WriteLine();
        var headline = new TextTable("measure", ">value", "");
        headline.AddRow("Agreement", Format.Score(agreement.Rate),
            $"{Format.Count(agreement.Count - agreement.Differing)} images labelled the same, {Format.Count(agreement.Differing)} differently");
        headline.AddRow("Cohen's kappa", agreement.Kappa is { } kappa ? Format.Score(kappa) : "undefined", agreement.KappaUndefinedReason ?? "");
        headline.Write(writer, "  ", header: false);

        if (agreement.Attributes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Disagreement per attribute");
            var attributes = new TextTable("attribute", ">images", ">rate");
            foreach (var a in agreement.Attributes)
            {
                attributes.AddRow(a.Name, Format.Plain(a.Count), Format.Score(a.Rate));
            }

            attributes.Write(writer, "  ");
        }

        writer.WriteLine();
        writer.WriteLine("Predictions per class");
        var countsA = agreement.CountsA;
        var countsB = agreement.CountsB;
        var counts = new TextTable(">class", "name", ">A", ">B", ">B - A");
        for (var c = 0; c < taxonomy.Count; c++)
        {
            counts.AddRow(Format.Plain(c), taxonomy.ClassNames[c], Format.Plain(countsA[c]), Format.Plain(countsB[c]),
                (countsB[c] - countsA[c]).ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture));
        }

        counts.Write(writer, "  ");

        writer.WriteLine();
        writer.WriteLine("Transition matrix (rows: A's label, columns: B's label)");
        MatrixText.Write(writer, agreement.Transition, "A\\B");

        if (result.Truth is { } truth)
        {
            WriteTruth(writer, truth, taxonomy);
        }
    }

    private static void WriteTruth(TextWriter writer, TruthComparison truth, ClassTaxonomy taxonomy)
    {
        writer.WriteLine();
        writer.WriteLine($"Against the truth ({truth.TruthPath})");
        var macro = new TextTable("", ">A", ">B", ">B - A");
        macro.AddRow("Macro F1", Format.Score(truth.A.MacroF1), Format.Score(truth.B.MacroF1), Format.Signed(truth.B.MacroF1 - truth.A.MacroF1));
        macro.AddRow("Accuracy", Format.Score(truth.A.Accuracy), Format.Score(truth.B.Accuracy), Format.Signed(truth.B.Accuracy - truth.A.Accuracy));
        macro.Write(writer, "  ");

        writer.WriteLine();
        writer.WriteLine("F1 per class");
        var perClass = new TextTable(">class", "name", ">F1 A", ">F1 B", ">B - A");
        for (var c = 0; c < taxonomy.Count; c++)
        {
            var f1A = truth.A.PerClass[c].F1;
            var f1B = truth.B.PerClass[c].F1;
            perClass.AddRow(Format.Plain(c), taxonomy.ClassNames[c], Format.Score(f1A), Format.Score(f1B), Format.Signed(f1B - f1A));
        }

        perClass.Write(writer, "  ");

        writer.WriteLine();
        writer.WriteLine("McNemar test (which images each gets right)");
        var m = truth.McNemar;
        var table = new TextTable("", ">B correct", ">B wrong");
        table.AddRow("A correct", Format.Plain(m.BothCorrect), Format.Plain(m.OnlyACorrect));
        table.AddRow("A wrong", Format.Plain(m.OnlyBCorrect), Format.Plain(m.BothWrong));
        table.Write(writer, "  ");
        writer.WriteLine($"  exact p-value: {Format.PValue(m.PValue)}");

        writer.WriteLine();
        var bootstrap = truth.Bootstrap;
        writer.WriteLine(
            $"Paired bootstrap of macro F1(B) - macro F1(A) ({Format.Count(bootstrap.Resamples)} resamples, seed {bootstrap.Seed})");
        writer.WriteLine($"  observed difference: {Format.Signed(bootstrap.ObservedDifference)}");
        writer.WriteLine(
            $"  {Format.Percent(bootstrap.Confidence)} interval: [{Format.Signed(bootstrap.Lower)}, {Format.Signed(bootstrap.Upper)}]");
        writer.WriteLine($"  {bootstrap.Verdict}");
    }
}
