using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Portal.Core.Submissions;

/// <summary>Reads a hidden set's labels (<c>info.csv</c>: <c>ImageID,ans</c>; other columns are ignored).</summary>
public static class TruthCsvReader
{
    /// <summary>Reads truth from a file.</summary>
    public static ReadResult<GroundTruth> Read(string path, int classCount, CsvReadOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, classCount, options);
    }

    /// <summary>Reads truth from a stream (the stream is disposed).</summary>
    /// <remarks>
    /// Ids go from the CSV's UTF-8 bytes straight into the <see cref="ImageIndex"/>, whose table also finds
    /// duplicates, 64 rows at a time (see <see cref="ImageIndex.Builder.AddMany"/>): no string per row and no
    /// second dictionary. 1,000,000 rows took 1.8 s with strings and a dictionary (bench/RESULTS.md).
    /// </remarks>
    public static ReadResult<GroundTruth> Read(Stream stream, int classCount, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        var problems = new ProblemCollector(options.MaxListedProblems);
        var rows = new Rows(problems);
        // What is left to read, for sizing the arrays; a file over the limit is stopped there.
        var length = stream.CanSeek ? Math.Min(stream.Length - stream.Position, options.MaxBytes) : -1;

        using (var csv = new CsvSource(stream, options, problems) { BeforeAbort = rows.Flush })
        {
            if (!csv.NextHeader() || !TryLocateColumns(csv, problems, out var idColumn, out var labelColumn))
            {
                return problems.Result<GroundTruth>(() => null!);
            }

            var width = Math.Max(idColumn, labelColumn) + 1;
            while (csv.Next())
            {
                // Every problem is reported after the rows before it are settled (Flush), so problems stay in file order.
                if (csv.CurrentIsMalformed)
                {
                    rows.Flush();
                    csv.ReportCurrentMalformed();
                    continue;
                }

                if (csv.Reader.FieldCount < width)
                {
                    rows.Flush();
                    problems.Add(ProblemCode.WrongFieldCount, csv.Line,
                        string.Create(CultureInfo.InvariantCulture, $"Expected at least {width} columns, found {csv.Reader.FieldCount}."));
                    continue;
                }

                var id = csv.Field(idColumn);
                if (id.IsEmpty)
                {
                    rows.Flush();
                    problems.Add(ProblemCode.EmptyImageId, csv.Line, "The image id is empty.", HeaderNames.ImageId);
                    continue;
                }

                if (!Utf8.IsValid(id))
                {
                    // As the text of the file reads: each invalid sequence becomes U+FFFD.
                    id = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(id));
                }

                if (!ImageFileName.IsPlain(id))
                {
                    rows.Flush();
                    var text = Encoding.UTF8.GetString(id);
                    problems.Add(ProblemCode.ImageIdNotAFileName, csv.Line, ImageFileName.Problem(text), HeaderNames.ImageId, text);
                    continue;
                }

                if (LabelParsing.TryParse(csv.Field(labelColumn), classCount, out var label))
                {
                    rows.Enqueue(id, csv.Line, label);
                }
                else if (rows.Add(id, csv.Line))
                {
                    // Not a duplicate, so its label is what is wrong. The row keeps its id, so a later duplicate still
                    // names this line; the file is refused, so its label is never used.
                    csv.TryParseLabel(labelColumn, HeaderNames.Answer, classCount, out _, missing: "label");
                }

                if (rows.Taken == Rows.SampleRows && length > 0)
                {
                    rows.Expect(length, csv.Reader.ByteOffset);
                }
            }

            rows.Flush();
        }

        if (!problems.Any && rows.Images.Count == 0)
        {
            problems.Add(ProblemCode.NoRows, null, "The file has a header but no rows.");
        }

        return problems.Result(() => new GroundTruth(rows.Images.ToIndex(), rows.LabelArray(), classCount));
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

    /// <summary>
    /// The ids taken so far, with the line and the label of each by position; rows come in batches of
    /// <see cref="BatchSize"/>, as the predictions reader resolves them, so the processor fetches the table
    /// entries of a batch side by side.
    /// </summary>
    private sealed class Rows(ProblemCollector problems)
    {
        /// <summary>After this many rows, the rows still to come are estimated from the length of the file.</summary>
        public const int SampleRows = 1024;

        private const int BatchSize = 64;
        private const int MaxReservedRows = 1 << 22;

        private readonly Range[] _pendingIds = new Range[BatchSize];
        private readonly int[] _pendingLines = new int[BatchSize];
        private readonly byte[] _pendingLabels = new byte[BatchSize];
        private readonly int[] _positions = new int[BatchSize];
        private byte[] _pendingBytes = new byte[BatchSize * 64];
        private int _pendingCount;
        private int _pendingUsed;
        private long _idBytes;
        private int[] _lines = new int[SampleRows];
        private byte[] _labels = new byte[SampleRows];

        public ImageIndex.Builder Images { get; } = new();

        /// <summary>The rows taken (added or waiting in the batch), duplicates included.</summary>
        public int Taken { get; private set; }

        /// <summary>Takes a row whose label is valid; it is checked against the rows before it at the next <see cref="Flush"/>.</summary>
        public void Enqueue(ReadOnlySpan<byte> id, int line, byte label)
        {
            Taken++;
            _idBytes += id.Length;
            if (_pendingUsed + id.Length > _pendingBytes.Length)
            {
                Array.Resize(ref _pendingBytes, Math.Max(_pendingBytes.Length * 2, _pendingUsed + id.Length));
            }

            id.CopyTo(_pendingBytes.AsSpan(_pendingUsed));
            _pendingIds[_pendingCount] = new Range(_pendingUsed, _pendingUsed + id.Length);
            _pendingLines[_pendingCount] = line;
            _pendingLabels[_pendingCount] = label;
            _pendingUsed += id.Length;
            if (++_pendingCount == BatchSize)
            {
                Flush();
            }
        }

        /// <summary>Settles the batch, then adds one row at once; false (and the duplicate reported) when its id was taken before.</summary>
        public bool Add(ReadOnlySpan<byte> id, int line)
        {
            Flush();
            Taken++;
            _idBytes += id.Length;
            if (!Images.TryAdd(id, out var first))
            {
                ReportDuplicate(id, first, line);
                return false;
            }

            Record(Images.Count - 1, line, 0);
            return true;
        }

        /// <summary>Adds the batch's ids in file order, reporting each duplicate with both its lines.</summary>
        public void Flush()
        {
            if (_pendingCount == 0)
            {
                return;
            }

            var positions = _positions.AsSpan(0, _pendingCount);
            Images.AddMany(_pendingBytes, _pendingIds.AsSpan(0, _pendingCount), positions);
            for (var i = 0; i < positions.Length; i++)
            {
                if (positions[i] >= 0)
                {
                    Record(positions[i], _pendingLines[i], _pendingLabels[i]);
                }
                else
                {
                    ReportDuplicate(_pendingBytes.AsSpan(_pendingIds[i]), ~positions[i], _pendingLines[i]);
                }
            }

            _pendingCount = 0;
            _pendingUsed = 0;
        }

        /// <summary>
        /// Makes room for all rows at once, guessed from the bytes the rows so far took (<paramref name="bytesSoFar"/>)
        /// and the file's <paramref name="length"/>, so a million rows are not copied again at every doubling.
        /// A wrong guess costs memory or a copy, never a wrong result.
        /// </summary>
        public void Expect(long length, long bytesSoFar)
        {
            if (bytesSoFar <= 0)
            {
                return;
            }

            // Capped, so a file whose first rows are much shorter than the rest cannot make it reserve gigabytes;
            // past the cap the arrays grow as they fill.
            var expected = Math.Min((long)(length * (double)Taken / bytesSoFar), MaxReservedRows);
            var bytesPerId = (int)((_idBytes + Taken - 1) / Taken);
            Images.Reserve(expected, bytesPerId);

            // 6 % above the guess for the arrays: rows vary in length, and one row too many would double each of them.
            var withMargin = (long)(expected * 1.06) + 16;
            if (withMargin > _lines.Length)
            {
                _lines = Resized(_lines, withMargin);
                _labels = Resized(_labels, withMargin);
            }
        }

        public byte[] LabelArray() => _labels.AsSpan(0, Images.Count).ToArray();

        private void Record(int position, int line, byte label)
        {
            if (position == _lines.Length)
            {
                _lines = Resized(_lines, _lines.Length * 2L);
                _labels = Resized(_labels, _labels.Length * 2L);
            }

            _lines[position] = line;
            _labels[position] = label;
        }

        private void ReportDuplicate(ReadOnlySpan<byte> id, int first, int line)
        {
            var text = Encoding.UTF8.GetString(id);
            problems.Add(ProblemCode.DuplicateImageId, line,
                string.Create(CultureInfo.InvariantCulture, $"'{text}' appears twice: on line {_lines[first]} and on line {line}."),
                HeaderNames.ImageId, text);
        }

        private static T[] Resized<T>(T[] array, long length)
        {
            var resized = GC.AllocateUninitializedArray<T>((int)Math.Min(length, Array.MaxLength));
            array.CopyTo(resized, 0);
            return resized;
        }
    }
}
