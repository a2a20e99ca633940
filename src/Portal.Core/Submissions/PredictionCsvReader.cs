using System.Buffers;
using System.Globalization;
using System.Text;
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
        using (var csv = new CsvSource(stream, options, problems))
        {
            if (!csv.NextHeader() || !session.TakeHeader(csv))
            {
                return problems.Result<Predictions>(() => null!);
            }

            while (csv.Next())
            {
                session.TakeRow(csv);
            }
        }

        session.ReportMissing();
        return problems.Result(session.Build);
    }

    private sealed class Session(ImageIndex images, ClassTaxonomy taxonomy, CsvReadOptions options, ProblemCollector problems)
    {
        private readonly int _classes = taxonomy.Count;
        // Line and label side by side: a row touches one place of this array, not two.
        private readonly Slot[] _slots = new Slot[images.Count];
        private float[]? _probabilities;
        private int[]? _classOfColumn;
        private string[] _columnNames = [];
        private ImageIdHints? _hints;
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
            if (csv.CurrentIsMalformed)
            {
                MarkSeen(csv);
                return;
            }

            var expected = Format == SubmissionFormat.Labels ? 2 : _classes + 1;
            if (csv.Reader.FieldCount != expected)
            {
                problems.Add(ProblemCode.WrongFieldCount, csv.Line, string.Create(CultureInfo.InvariantCulture,
                    $"Expected {expected} columns, found {csv.Reader.FieldCount}."));
                MarkSeen(csv);
                return;
            }

            if (!TryResolveImage(csv, out var position))
            {
                return;
            }

            if (Format == SubmissionFormat.Labels)
            {
                if (csv.TryParseLabel(1, HeaderNames.Answer, _classes, out var label))
                {
                    _slots[position].Label = label;
                }
            }
            else
            {
                TakeProbabilities(csv, position);
            }
        }

        /// <summary>Records a row already reported for its shape, so its image is not also reported missing.</summary>
        private void MarkSeen(CsvSource csv)
        {
            if (images.TryGetPositionUtf8(csv.Field(0), out var position) == OperationStatus.Done && _slots[position].Line == 0)
            {
                _slots[position].Line = csv.Line;
            }
        }

        private bool TryResolveImage(CsvSource csv, out int position)
        {
            var id = csv.Field(0);
            if (id.IsEmpty)
            {
                problems.Add(ProblemCode.EmptyImageId, csv.Line, "The image id is empty.", HeaderNames.ImageId);
                position = -1;
                return false;
            }

            switch (images.TryGetPositionUtf8(id, out position))
            {
                case OperationStatus.Done:
                    break;
                case OperationStatus.InvalidData:
                    problems.Add(ProblemCode.NotUtf8, csv.Line, "The image id is not valid UTF-8 text.", HeaderNames.ImageId);
                    return false;
                default:
                    var text = CsvSource.Shorten(id);
                    _hints ??= new ImageIdHints(images);
                    problems.Add(ProblemCode.UnknownImageId, csv.Line, _hints.Explain(text), HeaderNames.ImageId, text);
                    return false;
            }

            var seen = _slots[position].Line;
            if (seen != 0)
            {
                problems.Add(ProblemCode.DuplicateImageId, csv.Line, string.Create(CultureInfo.InvariantCulture,
                    $"'{images[position]}' appears twice: on line {seen} and on line {csv.Line}."), HeaderNames.ImageId, images[position]);
                return false;
            }

            _slots[position].Line = csv.Line;
            return true;
        }

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
                        $"'{CsvSource.Shorten(field)}' is not a finite number.", _columnNames[i], images[position]);
                    return;
                }

                if (p < 0)
                {
                    problems.Add(ProblemCode.NegativeProbability, csv.Line,
                        string.Create(CultureInfo.InvariantCulture, $"Probability {p} is negative."), _columnNames[i], images[position]);
                    return;
                }

                row[_classOfColumn![i]] = (float)p;
                sum += p;
            }

            if (Math.Abs(sum - 1.0) > options.RowSumTolerance)
            {
                problems.Add(ProblemCode.RowSumNotOne, csv.Line, string.Create(CultureInfo.InvariantCulture,
                    $"The probabilities of '{images[position]}' sum to {sum:0.######}, not 1 (within {options.RowSumTolerance})."),
                    null, images[position]);
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
                problems.Add(ProblemCode.NoRows, 0, "The file has a header but no rows.");
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
                problems.Add(ProblemCode.MissingImageIds, 0, string.Create(CultureInfo.InvariantCulture,
                    $"{missing:N0} of the {images.Count:N0} images have no prediction: {string.Join(", ", named)}{more}."));
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

    private struct Slot
    {
        public int Line;
        public byte Label;
    }
}
