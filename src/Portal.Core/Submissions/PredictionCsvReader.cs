using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using Portal.Core.Competitions;

namespace Portal.Core.Submissions;

/// <summary>
/// Reads a labels or probabilities submission against a hidden set's images, streaming, and
/// lists every problem by line: a wrong file is never half-accepted.
/// </summary>
public static class PredictionCsvReader
{
    /// <summary>Reads a submission from a file.</summary>
    public static ReadResult<Predictions> Read(string path, ImageIndex images, ClassTaxonomy taxonomy, CsvReadOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, images, taxonomy, options);
    }

    /// <summary>Reads a submission from a stream (the stream is disposed).</summary>
    public static ReadResult<Predictions> Read(Stream stream, ImageIndex images, ClassTaxonomy taxonomy, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(taxonomy);
        options ??= CsvReadOptions.Default;
        var problems = new ProblemCollector(options.MaxListedProblems);
        var session = new Session(images, taxonomy, options, problems);
        using (var csv = new CsvSource(stream, options, problems) { BeforeAbort = session.Flush })
        {
            if (!csv.NextHeader() || !session.TakeHeader(csv))
            {
                return problems.Result<Predictions>(() => null!);
            }

            while (csv.Next())
            {
                session.TakeRow(csv);
            }

            session.Flush();
        }

        session.ReportMissing();
        return problems.Result(session.Build);
    }

    private sealed class Session(ImageIndex images, ClassTaxonomy taxonomy, CsvReadOptions options, ProblemCollector problems)
    {
        private readonly int _classes = taxonomy.Count;
        // Line and label side by side: a row touches one place of this array, not two.
        private readonly Slot[] _slots = new Slot[images.Count];
        private readonly Pending[] _pending = new Pending[BatchSize];
        private readonly Range[] _pendingIds = new Range[BatchSize];
        private readonly int[] _pendingPositions = new int[BatchSize];
        private byte[] _pendingBytes = new byte[BatchSize * 96];
        private int _pendingCount;
        private int _pendingUsed;
        private float[]? _probabilities;
        private int[]? _classOfColumn;
        private string[] _columnNames = [];
        private ImageIdHints? _hints;
        private int _knownIds;
        private int _unknownIds;
        private (string Id, int Line)? _firstUnknown;
        private int _rows;

        public SubmissionFormat Format { get; private set; }

        public bool TakeHeader(CsvSource csv)
        {
            var reader = csv.Reader;
            var first = csv.Field(0);
            var probabilityWidth = _classes + 1;
            if (!HeaderNames.Is(first, HeaderNames.ImageId))
            {
                var isData = images.TryGetPositionUtf8(first, out _) == OperationStatus.Done || HeaderNames.LooksLikeImageFile(first);
                if (isData && (reader.FieldCount == 2 || reader.FieldCount == probabilityWidth))
                {
                    problems.Add(ProblemCode.MissingHeader, csv.Line,
                        reader.FieldCount == 2
                            ? "The first line is data; the file must start with the header 'ImageID,ans'."
                            : "The first line is data; the file must start with a header: ImageID and the class columns.");
                    UseFormat(reader.FieldCount == 2 ? SubmissionFormat.Labels : SubmissionFormat.Probabilities, null);
                    TakeRow(csv);
                    return true;
                }

                problems.Add(ProblemCode.WrongHeader, csv.Line,
                    $"The header must start with ImageID; found '{csv.FieldText(0)}'.", null);
                return reader.FieldCount == 2 && UseFormat(SubmissionFormat.Labels, null);
            }

            if (reader.FieldCount == 2)
            {
                if (!HeaderNames.Is(csv.Field(1), HeaderNames.Answer))
                {
                    problems.Add(ProblemCode.WrongHeader, csv.Line,
                        $"The second column must be named 'ans'; found '{csv.FieldText(1)}'.");
                }

                return UseFormat(SubmissionFormat.Labels, null);
            }

            if (reader.FieldCount == probabilityWidth)
            {
                var names = Enumerable.Range(1, _classes).Select(i => Encoding.UTF8.GetString(csv.Field(i))).ToArray();
                var map = ProbabilityColumns.Map(names, taxonomy, out var why);
                if (map is null)
                {
                    problems.Add(ProblemCode.WrongHeader, csv.Line, why!);
                    return false;
                }

                _columnNames = names;
                return UseFormat(SubmissionFormat.Probabilities, map);
            }

            problems.Add(ProblemCode.WrongHeader, csv.Line, string.Create(CultureInfo.InvariantCulture,
                $"Expected 2 columns (ImageID,ans) or {probabilityWidth} (ImageID and {_classes} class probabilities); found {reader.FieldCount}."));
            return false;
        }

        private bool UseFormat(SubmissionFormat format, int[]? classOfColumn)
        {
            Format = format;
            if (format == SubmissionFormat.Probabilities)
            {
                _classOfColumn = classOfColumn ?? Enumerable.Range(0, _classes).ToArray();
                if (_columnNames.Length == 0)
                {
                    _columnNames = _classOfColumn.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
                }

                _probabilities = new float[images.Count * _classes];
            }

            return true;
        }

        public void TakeRow(CsvSource csv)
        {
            _rows++;
            if (Format == SubmissionFormat.Labels)
            {
                Enqueue(csv);
                return;
            }

            var line = csv.Line;
            var id = csv.Field(0);
            var position = images.TryGetPositionUtf8(id, out var found) == OperationStatus.Done ? found : -1;
            if (csv.CurrentIsMalformed)
            {
                csv.ReportCurrentMalformed();
                MarkSeen(position, line);
                return;
            }

            if (csv.Reader.FieldCount != _classes + 1)
            {
                ReportFieldCount(line, _classes + 1, csv.Reader.FieldCount);
                MarkSeen(position, line);
                return;
            }

            if (Resolve(id, position, line))
            {
                TakeProbabilities(csv, position);
            }
        }

        /// <summary>Copies a labels row into the batch; the batch is resolved 64 rows at a time (see <see cref="ImageIndex.FindMany"/>).</summary>
        private void Enqueue(CsvSource csv)
        {
            var id = csv.Field(0);
            var label = csv.Reader.FieldCount >= 2 ? csv.Field(1) : default;
            var idTooLong = id.Length > images.MaxByteLength;
            var idCopy = idTooLong ? Math.Min(id.Length, MessageBytes) : id.Length;
            var labelCopy = Math.Min(label.Length, MaxLabelBytes + 1);
            if (_pendingUsed + idCopy + labelCopy > _pendingBytes.Length)
            {
                Array.Resize(ref _pendingBytes, Math.Max(_pendingBytes.Length * 2, _pendingUsed + idCopy + labelCopy));
            }

            id[..idCopy].CopyTo(_pendingBytes.AsSpan(_pendingUsed));
            _pendingIds[_pendingCount] = new Range(_pendingUsed, _pendingUsed + idCopy);
            _pendingUsed += idCopy;
            label[..labelCopy].CopyTo(_pendingBytes.AsSpan(_pendingUsed));
            _pending[_pendingCount] = new Pending
            {
                Line = csv.Line,
                FieldCount = csv.Reader.FieldCount,
                Malformed = csv.CurrentIsMalformed,
                Reason = csv.CurrentMalformedReason,
                IdTooLong = idTooLong,
                Label = new Range(_pendingUsed, _pendingUsed + labelCopy),
            };
            _pendingUsed += labelCopy;
            if (++_pendingCount == BatchSize)
            {
                Flush();
            }
        }

        /// <summary>Resolves and applies the batched rows, in file order.</summary>
        public void Flush()
        {
            var count = _pendingCount;
            images.FindMany(_pendingBytes, _pendingIds.AsSpan(0, count), _pendingPositions);
            for (var i = 0; i < count; i++)
            {
                ref readonly var row = ref _pending[i];
                var position = row.IdTooLong ? -1 : _pendingPositions[i];
                var id = _pendingBytes.AsSpan(_pendingIds[i]);
                if (row.Malformed)
                {
                    CsvSource.ReportMalformed(problems, row.Line, row.Reason);
                    MarkSeen(position, row.Line);
                    continue;
                }

                if (row.FieldCount != 2)
                {
                    ReportFieldCount(row.Line, 2, row.FieldCount);
                    MarkSeen(position, row.Line);
                    continue;
                }

                if (!Resolve(id, position, row.Line))
                {
                    continue;
                }

                var label = _pendingBytes.AsSpan(row.Label);
                var cut = label.Length > MaxLabelBytes;
                if (LabelParsing.TryParse(cut ? label[..MaxLabelBytes] : label, _classes, problems, row.Line, HeaderNames.Answer, out var parsed, cut))
                {
                    _slots[position].Label = parsed;
                }
            }

            _pendingCount = 0;
            _pendingUsed = 0;
        }

        private void ReportFieldCount(int line, int expected, int found) =>
            problems.Add(ProblemCode.WrongFieldCount, line, string.Create(CultureInfo.InvariantCulture, $"Expected {expected} columns, found {found}."));

        /// <summary>Records a row already reported for its shape, so its image is not also reported missing.</summary>
        private void MarkSeen(int position, int line)
        {
            if (position >= 0 && _slots[position].Line == 0)
            {
                _slots[position].Line = line;
            }
        }

        /// <summary>Checks a row's image id (<paramref name="position"/> is where the index found it, or -1) and claims its slot.</summary>
        private bool Resolve(ReadOnlySpan<byte> id, int position, int line)
        {
            if (id.IsEmpty)
            {
                problems.Add(ProblemCode.EmptyImageId, line, "The image id is empty.", HeaderNames.ImageId);
                return false;
            }

            if (position < 0)
            {
                if (!System.Text.Unicode.Utf8.IsValid(id))
                {
                    problems.Add(ProblemCode.NotUtf8, line, "The image id is not valid UTF-8 text.", HeaderNames.ImageId);
                    return false;
                }

                var text = CsvSource.Shorten(id);
                _hints ??= new ImageIdHints(images);
                _unknownIds++;
                _firstUnknown ??= (text, line);
                problems.Add(ProblemCode.UnknownImageId, line, _hints.Explain(text), HeaderNames.ImageId, text);
                return false;
            }

            _knownIds++;

            var seen = _slots[position].Line;
            if (seen != 0)
            {
                problems.Add(ProblemCode.DuplicateImageId, line, string.Create(CultureInfo.InvariantCulture,
                    $"'{images[position]}' appears twice: on line {seen} and on line {line}."), HeaderNames.ImageId, images[position]);
                return false;
            }

            _slots[position].Line = line;
            return true;
        }

        /// <summary>What negative values or rows that do not sum to 1 usually are, and the fix, said once for every such row.</summary>
        private const string NotProbabilities =
            "; each row holds probabilities from 0 to 1 that sum to 1: scores or logits need a softmax first (in PyTorch: logits.softmax(dim=1)).";

        private void TakeProbabilities(CsvSource csv, int position)
        {
            var row = _probabilities.AsSpan(position * _classes, _classes);
            double sum = 0;
            for (var i = 0; i < _classes; i++)
            {
                var field = csv.Field(i + 1);
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !double.IsFinite(p))
                {
                    problems.Add(ProblemCode.NotANumber, csv.Line,
                        $"'{CsvSource.Shorten(field)}' is not a finite number{(MissingValueText.Is(field) ? MissingValueText.Fix(_columnNames[i]) : ".")}", _columnNames[i], images[position]);
                    return;
                }

                if (p < 0)
                {
                    // Logits are negative on most rows: one sentence with the fix, the other lines folded into it.
                    problems.AddFolded(ProblemCode.NegativeProbability, csv.Line, string.Create(CultureInfo.InvariantCulture, $"Probability {p} is negative"),
                        NotProbabilities, _columnNames[i], images[position]);
                    return;
                }

                row[_classOfColumn![i]] = (float)p;
                sum += p;
            }

            if (Math.Abs(sum - 1.0) > options.RowSumTolerance)
            {
                problems.AddFolded(ProblemCode.RowSumNotOne, csv.Line, string.Create(CultureInfo.InvariantCulture,
                    $"The probabilities of '{images[position]}' sum to {sum:0.######}, not 1 (within {options.RowSumTolerance})"),
                    NotProbabilities, null, images[position]);
            }
        }

        public void ReportMissing()
        {
            if (problems.Any && _rows == 0)
            {
                return;
            }

            if (_rows == 0)
            {
                problems.Add(ProblemCode.NoRows, null, "The file has a header but no rows.");
                return;
            }

            if (_knownIds == 0 && _unknownIds >= 2 && _firstUnknown is var (firstId, firstLine))
            {
                // Not one id of this test set: a file made for another competition (or another split). One sentence says
                // so, instead of one "not an image of the hidden set" per row and every image missing.
                problems.Collapse(ProblemCode.UnknownImageId, _unknownIds, new SubmissionProblem(ProblemCode.UnknownImageId, firstLine,
                    string.Create(CultureInfo.InvariantCulture,
                        $"None of the file's {_unknownIds:N0} image ids is an image of this competition's test set (the first, on line {firstLine}, is '{firstId}'): is the file made for another competition? The competition's sample submission lists its ids."),
                    HeaderNames.ImageId, firstId));
                return;
            }

            var missing = 0;
            var named = new List<string>();
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Line == 0)
                {
                    missing++;
                    if (named.Count < options.MissingIdsNamed)
                    {
                        named.Add(images[i]);
                    }
                }
            }

            if (missing > 0)
            {
                var more = missing > named.Count ? ", …" : "";
                problems.Add(ProblemCode.MissingImageIds, null, string.Create(CultureInfo.InvariantCulture,
                    $"{missing:N0} of the {images.Count:N0} images {(missing == 1 ? "has" : "have")} no prediction: {string.Join(", ", named)}{more}."));
            }
        }

        public Predictions Build()
        {
            if (_probabilities is not null)
            {
                return Predictions.FromProbabilities(_probabilities, _classes);
            }

            var labels = new byte[_slots.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = _slots[i].Label;
            }

            return new Predictions(labels, _classes);
        }
    }

    private const int BatchSize = 64;
    private const int MessageBytes = 400;
    private const int MaxLabelBytes = 32;

    private struct Pending
    {
        public int Line;
        public int FieldCount;
        public bool Malformed;
        public CsvMalformedReason Reason;
        public bool IdTooLong;
        public Range Label;
    }

    private struct Slot
    {
        public int Line;
        public byte Label;
    }
}
