using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace Portal.Core.Submissions;

/// <summary>
/// One pass over an uploaded CSV: a streaming CsvHelper reader behind a <see cref="GuardedStream"/>,
/// with the file-level checks every format shares (empty file, wrong delimiter, bad quoting,
/// binary data, size) turned into problems instead of exceptions.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private static readonly SearchValues<byte> OtherDelimiters = SearchValues.Create(";\t|"u8);
    private readonly GuardedStream _stream;
    private readonly CsvReader _reader;
    private readonly ProblemCollector _problems;
    private long _malformedLine = -1;
    private CsvMalformedReason _malformedReason;

    public CsvSource(Stream stream, CsvReadOptions options, ProblemCollector problems)
    {
        _problems = problems;
        _stream = new GuardedStream(stream, options.MaxBytes);
        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            OnMalformedRecord = OnMalformed,
        };
        _reader = CsvReader.Create(_stream, readerOptions, leaveOpen: false);
    }

    public CsvReader Reader => _reader;

    /// <summary>The line where the current record starts.</summary>
    public int Line => (int)_reader.LineNumber;

    /// <summary>Whether the current record has bad quoting (see <see cref="ReportCurrentMalformed"/>).</summary>
    public bool CurrentIsMalformed => _reader.LineNumber == _malformedLine;

    /// <summary>What is wrong with the quoting of the current record, when <see cref="CurrentIsMalformed"/>.</summary>
    public CsvMalformedReason CurrentMalformedReason => _malformedReason;

    /// <summary>Whether reading stopped because the bytes ruled the file out.</summary>
    public bool Aborted { get; private set; }

    /// <summary>
    /// Called just before the problem that stops reading (size, binary data) is reported, so a reader that holds rows
    /// back to check them in batches reports theirs first and problems stay in file order.
    /// </summary>
    public Action? BeforeAbort { get; init; }

    /// <summary>Moves to the next record; false at the end or when the file was ruled out.</summary>
    public bool Next()
    {
        if (Aborted)
        {
            return false;
        }

        try
        {
            return _reader.Read();
        }
        catch (InputRejectedException e)
        {
            Aborted = true;
            BeforeAbort?.Invoke();
            _problems.Add(e.Code, null, e.Message);
            return false;
        }
    }

    /// <summary>
    /// Reads the first record and reports an empty file or a file delimited by something other than commas.
    /// Returns false when there is nothing more to check.
    /// </summary>
    public bool NextHeader()
    {
        if (!Next())
        {
            if (!Aborted)
            {
                _problems.Add(ProblemCode.EmptyFile, null, "The file is empty.");
            }

            return false;
        }

        if (_reader.FieldCount == 1)
        {
            var only = _reader.GetSpan(0);
            var at = only.IndexOfAny(OtherDelimiters);
            if (at >= 0)
            {
                var name = only[at] switch { (byte)';' => "semicolons", (byte)'\t' => "tabs", _ => "'|'" };
                _problems.Add(ProblemCode.WrongDelimiter, Line,
                    $"Columns are separated by {name}; separate them with commas (,).");
                return false;
            }
        }

        return true;
    }

    /// <summary>Field <paramref name="index"/> of the current record without surrounding spaces and tabs.</summary>
    public ReadOnlySpan<byte> Field(int index) => _reader.GetSpan(index).Trim(" \t"u8);

    /// <summary>Field <paramref name="index"/> as text for messages, shortened when long.</summary>
    public string FieldText(int index) => Shorten(Field(index));

    /// <summary>Parses a field as a class label in [0, classCount), reporting what is wrong.</summary>
    public bool TryParseLabel(int index, string column, int classCount, out byte label, string missing = "prediction") =>
        LabelParsing.TryParse(Field(index), classCount, _problems, Line, column, out label, missing: missing);

    public static string Shorten(ReadOnlySpan<byte> utf8)
    {
        const int max = 80;
        var text = Encoding.UTF8.GetString(utf8.Length > max * 4 ? utf8[..(max * 4)] : utf8);
        return text.Length > max ? string.Concat(text.AsSpan(0, max), "…") : text;
    }

    private void OnMalformed(CsvMalformedRecord record)
    {
        if (record.Reason == CsvMalformedReason.FieldCountMismatch)
        {
            return;
        }

        // Reported by the caller when it reaches the record, so problems stay in file order.
        _malformedLine = record.LineNumber;
        _malformedReason = record.Reason;
    }

    /// <summary>Reports the bad quoting of a record as a problem on its line.</summary>
    public static void ReportMalformed(ProblemCollector problems, int line, CsvMalformedReason reason)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (reason == CsvMalformedReason.UnterminatedQuote)
        {
            problems.Add(ProblemCode.UnterminatedQuote, line,
                "A quote (\") opened on this line is never closed, so the rest of the file reads as one field.");
        }
        else
        {
            problems.Add(ProblemCode.MalformedQuote, line,
                "A quote (\") is misplaced: quote the whole field and double any quote inside it (\"\").");
        }
    }

    /// <summary>Reports the bad quoting of the current record.</summary>
    public void ReportCurrentMalformed() => ReportMalformed(_problems, Line, _malformedReason);

    public void Dispose() => _reader.Dispose();
}
