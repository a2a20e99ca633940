using System.Text;
using CsvHelper;
using Portal.TrainingRuns.Series;

namespace Portal.TrainingRuns.Histories;

/// <summary>
/// Reads a per-step metrics CSV: a wandb history export (<c>_step</c>, <c>_runtime</c>, <c>_timestamp</c> and one
/// column per metric, empty where a metric was not logged at that step), a Keras CSVLogger file (<c>epoch</c> and
/// metrics) or any CSV with a step column and metric columns (see <see cref="HistoryColumns"/>). Each metric column
/// becomes one series of its non-empty cells. Refusals (no step column, a step that is not a whole number, a metric
/// cell that is not a number, broken quoting or field counts) name the file and 1-based line.
/// </summary>
internal static class HistoryCsvReader
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    public static void Read(Stream stream, string fileName, string run, TrainingRunReadOptions options, SeriesCollector collector)
    {
        using var reader = CsvReader.Create(SizeLimitedStream.Guard(stream, options.MaxFileBytes, fileName), Options, leaveOpen: true);
        try
        {
            ReadRows(reader, fileName, run, collector);
        }
        catch (CsvFormatException ex)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MalformedCsv, fileName, Math.Max(1, ex.LineNumber),
                $"the CSV cannot be read ({ex.Message.Split('\n')[0].Trim().TrimEnd('.')}).");
        }
    }

    private static void ReadRows(CsvReader reader, string fileName, string run, SeriesCollector collector)
    {
        if (!reader.Read())
        {
            return;
        }

        var header = new string[reader.FieldCount];
        for (var c = 0; c < header.Length; c++)
        {
            header[c] = Encoding.UTF8.GetString(reader.GetSpan(c)).Trim();
        }

        var stepColumn = HistoryColumns.Step(header);
        if (stepColumn < 0)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MissingStepColumn, fileName, reader.LineNumber, HistoryColumns.MissingStep(header));
        }

        var wallColumn = HistoryColumns.WallTime(header);
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MalformedCsv, fileName, reader.LineNumber,
                $"the header names the column '{duplicate.Key}' twice.");
        }

        var metrics = Enumerable.Range(0, header.Length)
            .Where(c => c != stepColumn && c != wallColumn && HistoryColumns.IsMetric(header[c]))
            .ToArray();

        // Made on a column's first value, so a column that is empty throughout adds no series.
        var series = new SeriesBuilder?[header.Length];

        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != header.Length)
            {
                throw RunFileRejectedException.AtLine(RunFileProblem.MalformedCsv, fileName, line,
                    $"the row has {reader.FieldCount} fields; the header has {header.Length}.");
            }

            if (!HistoryNumbers.TryParseStep(reader.GetSpan(stepColumn), out var step))
            {
                throw RunFileRejectedException.AtLine(RunFileProblem.InvalidStep, fileName, line,
                    $"the step '{Clip(reader.GetSpan(stepColumn))}' in column '{header[stepColumn]}' is not a whole number.");
            }

            var wallTime = double.NaN;
            if (wallColumn >= 0 && !IsBlank(reader.GetSpan(wallColumn)) && !HistoryNumbers.TryParseValue(reader.GetSpan(wallColumn), out wallTime))
            {
                throw NotANumber(fileName, line, header[wallColumn], reader.GetSpan(wallColumn));
            }

            foreach (var column in metrics)
            {
                var cell = reader.GetSpan(column);
                if (IsBlank(cell))
                {
                    continue;
                }

                if (!HistoryNumbers.TryParseValue(cell, out var value))
                {
                    throw NotANumber(fileName, line, header[column], cell);
                }

                (series[column] ??= collector.For(run, header[column], withWallTimes: wallColumn >= 0)).Add(step, value, wallTime);
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> cell) => cell.Trim(" \t"u8).IsEmpty;

    private static RunFileRejectedException NotANumber(string fileName, long line, string column, ReadOnlySpan<byte> cell) =>
        RunFileRejectedException.AtLine(RunFileProblem.NotANumber, fileName, line,
            $"the value '{Clip(cell)}' in column '{column}' is not a number.");

    private static string Clip(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8.Length > 160 ? utf8[..160] : utf8);
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
