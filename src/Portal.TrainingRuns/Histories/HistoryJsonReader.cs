using System.Globalization;
using System.Text.Json;
using Portal.TrainingRuns.Series;

namespace Portal.TrainingRuns.Histories;

/// <summary>
/// Reads a per-step metrics history in JSON: one object per line (JSON lines: wandb's <c>wandb-history.jsonl</c> and
/// <c>run.scan_history()</c> dumps, with <c>_step</c>, <c>_runtime</c>, <c>_timestamp</c> and metrics) or one array of
/// such objects. Columns are as in <see cref="HistoryColumns"/>. In a row, a number (or "NaN" / "Infinity" / Python's
/// bare NaN) is a point; null, booleans, objects and arrays (wandb's images, histograms, tables) are skipped; any other
/// string is refused. Refusals name the file and the 1-based line (JSON lines, or where the array's JSON breaks) or row
/// (the array's elements).
/// </summary>
internal static class HistoryJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads <paramref name="stream"/>: an array when its first non-blank character is '[', else JSON lines.</summary>
    public static void Read(Stream stream, string fileName, string run, TrainingRunReadOptions options, SeriesCollector collector)
    {
        using var text = new StreamReader(SizeLimitedStream.Guard(stream, options.MaxFileBytes, fileName), leaveOpen: true);
        var rows = new RowReader(fileName, run, collector);
        long line = 1;
        while (text.Peek() is var next && next >= 0 && char.IsWhiteSpace((char)next))
        {
            line += text.Read() == '\n' ? 1 : 0;
        }

        if (text.Peek() == '[')
        {
            ReadArray(text.ReadToEnd(), fileName, line, rows);
            return;
        }

        for (; text.ReadLine() is { } raw; line++)
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                using var document = Parse(raw, fileName, line);
                rows.Add(document.RootElement, line, isLine: true);
            }
        }
    }

    private static void ReadArray(string json, string fileName, long firstLine, RowReader rows)
    {
        using var document = Parse(json, fileName, firstLine);
        long row = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            rows.Add(element, ++row, isLine: false);
        }
    }

    /// <summary>The JSON document of <paramref name="json"/>, which starts on line <paramref name="firstLine"/> of the file.</summary>
    private static JsonDocument Parse(string json, string fileName, long firstLine)
    {
        try
        {
            return JsonDocument.Parse(JsonNonFiniteLiterals.Quote(json), DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MalformedJson, fileName, firstLine + (ex.LineNumber ?? 0),
                $"this is not valid JSON ({FirstSentence(ex.Message)}).");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    /// <summary>Turns row objects into points, keeping the series of each column.</summary>
    private sealed class RowReader(string fileName, string run, SeriesCollector collector)
    {
        private static readonly string[] StepNames = ["_step", "step", "global_step", "epoch"];
        private static readonly string[] WallTimeNames = ["_timestamp", "wall_time", "wall time"];
        private readonly Dictionary<string, SeriesBuilder> _series = new(StringComparer.Ordinal);

        public void Add(JsonElement row, long place, bool isLine)
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw Refuse(RunFileProblem.MalformedJson, place, isLine, $"expected an object of column names and values, not {Kind(row.ValueKind)}.");
            }

            var stepName = FirstPresent(row, StepNames);
            if (stepName is null)
            {
                throw Refuse(RunFileProblem.InvalidStep, place, isLine, "the row has no step (_step, step, global_step or epoch).");
            }

            var stepValue = row.GetProperty(stepName);
            if (stepValue.ValueKind != JsonValueKind.Number || !TryStep(stepValue, out var step))
            {
                throw Refuse(RunFileProblem.InvalidStep, place, isLine, $"the step '{Clip(stepValue.GetRawText())}' in '{stepName}' is not a whole number.");
            }

            var wallName = FirstPresent(row, WallTimeNames);
            var wallTime = double.NaN;
            if (wallName is not null && row.GetProperty(wallName) is { ValueKind: not JsonValueKind.Null } wall && !TryValue(wall, out wallTime))
            {
                throw Refuse(RunFileProblem.NotANumber, place, isLine, $"the wall time '{Clip(wall.GetRawText())}' in '{wallName}' is not a number.");
            }

            foreach (var property in row.EnumerateObject())
            {
                var name = property.Name;
                if (name == stepName || name == wallName || !HistoryColumns.IsMetric(name)
                    || property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object or JsonValueKind.Array)
                {
                    continue;
                }

                if (!TryValue(property.Value, out var value))
                {
                    throw Refuse(RunFileProblem.NotANumber, place, isLine, $"the value '{Clip(property.Value.GetRawText())}' of '{name}' is not a number.");
                }

                if (!_series.TryGetValue(name, out var series))
                {
                    series = collector.For(run, name, withWallTimes: true);
                    _series.Add(name, series);
                }

                series.Add(step, value, wallTime);
            }
        }

        private static string? FirstPresent(JsonElement row, string[] names)
        {
            foreach (var wanted in names)
            {
                foreach (var property in row.EnumerateObject())
                {
                    if (string.Equals(property.Name, wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        return property.Name;
                    }
                }
            }

            return null;
        }

        private static bool TryStep(JsonElement value, out long step) =>
            value.TryGetInt64(out step) || HistoryNumbers.TryStep(value.TryGetDouble(out var d), d, out step);

        private static bool TryValue(JsonElement value, out double result)
        {
            result = 0;
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDouble(out result)
                    || double.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out result),
                JsonValueKind.String => HistoryNumbers.TryParseValue(value.GetString(), out result),
                _ => false,
            };
        }

        private static string Kind(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

        private RunFileRejectedException Refuse(RunFileProblem problem, long place, bool isLine, string reason) => isLine
            ? RunFileRejectedException.AtLine(problem, fileName, place, reason)
            : RunFileRejectedException.AtRecord(problem, fileName, place, reason);
    }
}
