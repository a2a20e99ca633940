using Portal.TrainingRuns;

namespace Portal.Cli.Output;

/// <summary>The human-readable report of <c>portal curves</c>: one line per run and tag, then each run's hyperparameters.</summary>
internal static class CurvesText
{
    public static void Write(TextWriter writer, TrainingRunSet set)
    {
        var runs = set.Runs.Count;
        writer.WriteLine($"{Format.Count(set.Series.Count)} series in {runs} run{(runs == 1 ? "" : "s")} from {set.Files} file{(set.Files == 1 ? "" : "s")}.");
        if (set.Series.Count == 0)
        {
            writer.WriteLine("No scalar values were found (images, histograms and graphs are not curves).");
        }
        else
        {
            writer.WriteLine();
            var table = new TextTable("run", "tag", ">points", ">last step", ">last", ">best", ">best step", "best of");
            foreach (var series in set.Series)
            {
                var s = series.Summarize();
                table.AddRow(series.Run, series.Tag, Format.Count(s.Points),
                    s.LastStep is { } lastStep ? Format.Plain(lastStep) : "-",
                    s.LastValue is { } last ? Format.Metric(last) : "-",
                    s.BestValue is { } best ? Format.Metric(best) : "-",
                    s.BestStep is { } bestStep ? Format.Plain(bestStep) : "-",
                    CurveDirection.Name(s.Direction));
            }

            table.Write(writer, "  ");
        }

        foreach (var (run, hparams) in set.HParams.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteLine();
            writer.WriteLine($"Hyperparameters of {run}: {string.Join(", ", hparams.Select(p => $"{p.Key}={p.Value}"))}");
        }
    }
}
