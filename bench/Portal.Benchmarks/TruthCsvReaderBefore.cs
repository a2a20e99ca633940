using System.Globalization;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>
/// The truth reader as it was before issue 10 (commit 0292105), kept as the baseline of <see cref="TruthReaderBenchmarks"/>:
/// a string per id, a dictionary of first lines, then the <see cref="ImageIndex"/> built from the strings (its
/// constructor now goes through <c>ImageIndex.Builder</c>: the same hashing, probing and copying as its code then).
/// Label parsing no longer formats the text of every accepted label, so that is done here as it was.
/// </summary>
internal static class TruthCsvReaderBefore
{
    /// <summary>Reads truth from a stream (the stream is disposed).</summary>
    public static ReadResult<GroundTruth> Read(Stream stream, int classCount, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var problems = new ProblemCollector(options.MaxListedProblems);
        var ids = new List<string>();
        var labels = new List<byte>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);

        using (var csv = new CsvSource(stream, options, problems))
        {
            if (!csv.NextHeader() || !TryLocateColumns(csv, problems, out var idColumn, out var labelColumn))
            {
                return problems.Result<GroundTruth>(() => null!);
            }

            var width = Math.Max(idColumn, labelColumn) + 1;
            while (csv.Next())
            {
                if (csv.CurrentIsMalformed)
                {
                    csv.ReportCurrentMalformed();
                    continue;
                }

                if (csv.Reader.FieldCount < width)
                {
                    problems.Add(ProblemCode.WrongFieldCount, csv.Line,
                        string.Create(CultureInfo.InvariantCulture, $"Expected at least {width} columns, found {csv.Reader.FieldCount}."));
                    continue;
                }

                var id = System.Text.Encoding.UTF8.GetString(csv.Field(idColumn));
                if (id.Length == 0)
                {
                    problems.Add(ProblemCode.EmptyImageId, csv.Line, "The image id is empty.", HeaderNames.ImageId);
                    continue;
                }

                if (!ImageFileName.IsPlain(id))
                {
                    problems.Add(ProblemCode.ImageIdNotAFileName, csv.Line, ImageFileName.Problem(id), HeaderNames.ImageId, id);
                    continue;
                }

                if (!firstLine.TryAdd(id, csv.Line))
                {
                    problems.Add(ProblemCode.DuplicateImageId, csv.Line,
                        string.Create(CultureInfo.InvariantCulture, $"'{id}' appears twice: on line {firstLine[id]} and on line {csv.Line}."),
                        HeaderNames.ImageId, id);
                    continue;
                }

                _ = CsvSource.Shorten(csv.Field(labelColumn)); // what LabelParsing.TryParse did for every label then
                if (csv.TryParseLabel(labelColumn, HeaderNames.Answer, classCount, out var label))
                {
                    ids.Add(id);
                    labels.Add(label);
                }
            }
        }

        if (!problems.Any && ids.Count == 0)
        {
            problems.Add(ProblemCode.NoRows, 0, "The file has a header but no rows.");
        }

        return problems.Result(() => new GroundTruth(new ImageIndex(ids), labels.ToArray(), classCount));
    }

    private static bool TryLocateColumns(CsvSource csv, ProblemCollector problems, out int idColumn, out int labelColumn)
    {
        idColumn = -1;
        labelColumn = -1;
        for (var i = 0; i < csv.Reader.FieldCount; i++)
        {
            var name = csv.Field(i);
            if (idColumn < 0 && HeaderNames.Is(name, HeaderNames.ImageId))
            {
                idColumn = i;
            }
            else if (labelColumn < 0 && HeaderNames.Is(name, HeaderNames.Answer))
            {
                labelColumn = i;
            }
        }

        if (idColumn >= 0 && labelColumn >= 0)
        {
            return true;
        }

        if (HeaderNames.LooksLikeImageFile(csv.Field(0)))
        {
            problems.Add(ProblemCode.MissingHeader, csv.Line, "The first line is data; the file must start with the header 'ImageID,ans'.");
        }
        else
        {
            var found = string.Join(",", Enumerable.Range(0, csv.Reader.FieldCount).Select(csv.FieldText));
            problems.Add(ProblemCode.WrongHeader, csv.Line, $"The header must name the columns ImageID and ans; found '{found}'.");
        }

        return false;
    }
}
