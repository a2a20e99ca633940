using System.Text;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

public sealed class TruthCsvReaderTests
{
    [Fact]
    public void Read_ValidInfoCsv_KeepsFileOrderAndLabels()
    {
        var truth = TruthCsvReader.Read(Csv.Stream("ImageID,ans\nb.jpg,3\na.png,17\nc.jpeg,0\n"), 18).GetValueOrThrow();

        Assert.Equal(["b.jpg", "a.png", "c.jpeg"], truth.Images.Ids);
        Assert.Equal([3, 17, 0], truth.Labels.ToArray());
    }

    [Fact]
    public void Read_ExtraColumnsInAnyOrder_AreIgnored()
    {
        var truth = TruthCsvReader.Read(Csv.Stream("ans,path,ImageID\n3,x/b.jpg,b.jpg\n1,x/a.jpg,a.jpg\n"), 18).GetValueOrThrow();

        Assert.Equal(["b.jpg", "a.jpg"], truth.Images.Ids);
        Assert.Equal([3, 1], truth.Labels.ToArray());
    }

    [Fact]
    public void Read_IdsAreCaseSensitive_BothKept()
    {
        var truth = TruthCsvReader.Read(Csv.Stream("ImageID,ans\nA.jpg,1\na.jpg,2\n"), 18).GetValueOrThrow();

        Assert.Equal(2, truth.Count);
    }

    [Fact]
    public void Read_DuplicateId_NamesBothLines()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans\na.jpg,1\nb.jpg,2\na.jpg,3\n"), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.DuplicateImageId, problem.Code);
        Assert.Equal(4, problem.Line);
        Assert.Contains("line 2 and on line 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelOutOfRange_ReportsLine()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans\na.jpg,1\nb.jpg,18\n"), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCode.LabelOutOfRange, 3), (problem.Code, problem.Line));
    }

    [Fact]
    public void Read_NoHeader_ReportsMissingHeader()
    {
        var result = TruthCsvReader.Read(Csv.Stream("a.jpg,1\nb.jpg,2\n"), 18);

        Assert.Equal(ProblemCode.MissingHeader, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Read_WrongHeader_ListsWhatWasFound()
    {
        var result = TruthCsvReader.Read(Csv.Stream("id,label\na.jpg,1\n"), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.WrongHeader, problem.Code);
        Assert.Contains("'id,label'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_ReportsNoRows()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans\n"), 18);

        Assert.Equal(ProblemCode.NoRows, Assert.Single(result.Problems).Code);
    }

    // The reader checks ids 64 rows at a time and sizes its arrays from the first 1,024 rows and the file's length;
    // the tests below pin what must not change with that: the ids, the labels, the problems and their order.

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    public void Read_ManyRows_KeepsEveryIdAndLabelInFileOrder(int rows)
    {
        var text = TruthFile(Enumerable.Range(0, rows).Select(i => (Csv.ImageId(i), i % 18)));

        var truth = TruthCsvReader.Read(Csv.Stream(text), 18).GetValueOrThrow();

        Assert.Equal(Enumerable.Range(0, rows).Select(Csv.ImageId), truth.Images.Ids);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (byte)(i % 18)), truth.Labels.ToArray());
        Assert.All(Enumerable.Range(0, rows), i => Assert.True(truth.Images.TryGetPosition(Csv.ImageId(i), out var p) && p == i));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_RowsLongerAfterTheFirstThousand_SameAsFromAStreamWithoutLength(bool seekable)
    {
        // The first 1,024 rows are short, so a guess from them undersizes everything that follows.
        var rows = Enumerable.Range(0, 1100).Select(i => ($"s{i}.jpg", i % 18))
            .Concat(Enumerable.Range(0, 3000).Select(i => (new string('x', 300) + $"{i}.png", i % 7)))
            .ToArray();
        var bytes = Encoding.UTF8.GetBytes(TruthFile(rows));

        var truth = TruthCsvReader.Read(seekable ? new MemoryStream(bytes) : new TrickleStream(bytes, 977), 18).GetValueOrThrow();

        Assert.Equal(rows.Select(r => r.Item1), truth.Images.Ids);
        Assert.Equal(rows.Select(r => (byte)r.Item2), truth.Labels.ToArray());
        Assert.Equal(308, truth.Images.MaxByteLength);
    }

    [Fact]
    public void Read_RowsShorterAfterTheFirstThousand_KeepsEveryId()
    {
        var rows = Enumerable.Range(0, 1100).Select(i => (new string('x', 300) + $"{i}.png", 1))
            .Concat(Enumerable.Range(0, 20_000).Select(i => ($"{i}.jpg", 2)))
            .ToArray();

        var truth = TruthCsvReader.Read(Csv.Stream(TruthFile(rows)), 18).GetValueOrThrow();

        Assert.Equal(21_100, truth.Count);
        Assert.True(truth.Images.TryGetPosition("19999.jpg", out var position));
        Assert.Equal(21_099, position);
    }

    [Fact]
    public void Read_DuplicatesInOneBatchAndAcrossBatches_EachNamesTheFirstLine()
    {
        var ids = Enumerable.Range(0, 200).Select(Csv.ImageId).ToList();
        ids.Insert(10, ids[3]);     // line 12 repeats line 5, in the same batch
        ids.Insert(150, ids[0]);    // line 152 repeats line 2, two batches later
        ids.Insert(151, ids[0]);    // and again on line 153: still named against line 2

        var result = TruthCsvReader.Read(Csv.Stream(TruthFile(ids.Select(id => (id, 1)))), 18);

        Assert.Equal(
            [(12, 5, ids[3]), (152, 2, ids[0]), (153, 2, ids[0])],
            result.Problems.Select(p => (p.Line, FirstLine(p.Message), p.ImageId)));
        Assert.All(result.Problems, p => Assert.Equal(ProblemCode.DuplicateImageId, p.Code));
    }

    [Fact]
    public void Read_DuplicateOfARowWithABadLabel_NamesThatRow()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans\na.jpg,1\nb.jpg,x\nc.jpg,2\nb.jpg,3\n"), 18);

        Assert.Equal(
            [(ProblemCode.NotAnInteger, 3), (ProblemCode.DuplicateImageId, 5)],
            result.Problems.Select(p => (p.Code, p.Line)));
        Assert.Contains("on line 3 and on line 5", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateWithABadLabel_ReportsTheDuplicateOnly()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans\na.jpg,1\na.jpg,99\n"), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCode.DuplicateImageId, 3), (problem.Code, problem.Line));
    }

    [Fact]
    public void Read_ProblemsOfEveryKind_ListedInFileOrder()
    {
        // Rows checked in a batch (duplicates) and rows reported at once (shape, label, id) interleave.
        var lines = new List<string> { "ImageID,ans" };
        lines.AddRange(Enumerable.Range(0, 100).Select(i => $"{Csv.ImageId(i)},{i % 18}"));
        lines.Insert(30, $"{Csv.ImageId(1)},4");      // line 31: duplicate of line 3
        lines.Insert(31, "lonely.jpg");               // line 32: one column
        lines.Insert(32, $"{Csv.ImageId(2)},4");      // line 33: duplicate of line 4
        lines.Insert(33, "new.jpg,18");               // line 34: label out of range
        lines.Insert(34, $"{Csv.ImageId(5)},1");      // line 35: duplicate of line 7
        lines.Insert(35, "../x.jpg,1");               // line 36: a path
        lines.Insert(36, ",1");                       // line 37: empty id
        lines.Insert(37, $"{Csv.ImageId(6)},1");      // line 38: duplicate of line 8
        lines.Add("\"open.jpg,1");                   // last line: unterminated quote

        var result = TruthCsvReader.Read(Csv.Stream(string.Join("\n", lines) + "\n"), 18);

        Assert.Equal(
            [
                (ProblemCode.DuplicateImageId, 31), (ProblemCode.WrongFieldCount, 32), (ProblemCode.DuplicateImageId, 33),
                (ProblemCode.LabelOutOfRange, 34), (ProblemCode.DuplicateImageId, 35), (ProblemCode.ImageIdNotAFileName, 36),
                (ProblemCode.EmptyImageId, 37), (ProblemCode.DuplicateImageId, 38), (ProblemCode.UnterminatedQuote, 110),
            ],
            result.Problems.Select(p => (p.Code, p.Line)));
    }

    [Fact]
    public void Read_FileOverTheLimit_RowProblemsBeforeItComeFirst()
    {
        // The size limit stops reading in the middle of a batch: the batch's duplicates are still listed before it.
        var text = TruthFile(Enumerable.Range(0, 2000).Select(i => (Csv.ImageId(i % 10), 1)));
        var options = CsvReadOptions.Default with { MaxBytes = 70_000, MaxListedProblems = 5000 };

        var result = TruthCsvReader.Read(Csv.Stream(text), 18, options);

        Assert.Equal(ProblemCode.FileTooLarge, result.Problems[^1].Code);
        var lines = result.Problems.SkipLast(1).Select(p => p.Line).ToArray();
        Assert.Equal(Enumerable.Range(12, lines.Length).Select(l => (int?)l), lines);
    }

    [Fact]
    public void Read_BomCrlfQuotesAndExtraColumns_ReadAsPlainRows()
    {
        var text = "ans,\"ImageID\",note\r\n3,\"b.jpg\",\"say \"\"hi\"\", twice\"\r\n\"17\", a.png ,\"line\r\nbreak\"\r\n\r\n0,c.jpeg,";

        var truth = TruthCsvReader.Read(Csv.Stream(text, bom: true), 18).GetValueOrThrow();

        Assert.Equal(["b.jpg", "a.png", "c.jpeg"], truth.Images.Ids);
        Assert.Equal([3, 17, 0], truth.Labels.ToArray());
    }

    [Fact]
    public void Read_DuplicateAfterAQuotedLineBreak_CountsLinesOfTheFile()
    {
        var result = TruthCsvReader.Read(Csv.Stream("ImageID,ans,note\na.jpg,1,\"two\nlines\"\nb.jpg,2,\na.jpg,3,\n"), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Contains("on line 2 and on line 5", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65_536)]
    public void Read_RowsSplitAcrossReads_SameAsWhole(int chunk)
    {
        // Rows of ~120 bytes over 64 KiB buffers: many rows cross a buffer edge, and with 1-byte reads every one does.
        var rows = Enumerable.Range(0, 3000).Select(i => ($"{i:D6}-" + new string('y', 100) + ".jpg", i % 18)).ToArray();
        var bytes = Encoding.UTF8.GetBytes(TruthFile(rows, "\r\n"));

        var truth = TruthCsvReader.Read(new TrickleStream(bytes, chunk), 18).GetValueOrThrow();

        Assert.Equal(rows.Select(r => r.Item1), truth.Images.Ids);
        Assert.Equal(rows.Select(r => (byte)r.Item2), truth.Labels.ToArray());
    }

    [Fact]
    public void Read_VeryLongIds_KeptWhole()
    {
        var rows = Enumerable.Range(0, 70).Select(i => ($"{i}-" + new string('z', 20_000) + ".png", 2)).ToArray();

        var truth = TruthCsvReader.Read(Csv.Stream(TruthFile(rows)), 18).GetValueOrThrow();

        Assert.Equal(rows.Select(r => r.Item1), truth.Images.Ids);
        Assert.True(truth.Images.TryGetPosition(rows[69].Item1, out var position) && position == 69);
    }

    [Fact]
    public void Read_NonAsciiIds_MatchedExactly()
    {
        var truth = TruthCsvReader.Read(Csv.Stream("ImageID,ans\nÄpfel.jpg,1\näpfel.jpg,2\n猫.png,3\n"), 18).GetValueOrThrow();

        Assert.Equal(["Äpfel.jpg", "äpfel.jpg", "猫.png"], truth.Images.Ids);
        Assert.True(truth.Images.TryGetPositionUtf8("猫.png"u8, out var position) == System.Buffers.OperationStatus.Done && position == 2);
    }

    [Fact]
    public void Read_IdsNotUtf8_ReadAsTheirTextWithReplacementCharacters()
    {
        // Bytes that are not UTF-8 read as U+FFFD, as the text of the file shows them; two such ids that differ only
        // in those bytes are then the same id.
        byte[] bytes = [.. "ImageID,ans\na"u8, 0xFF, .. ".jpg,1\na"u8, 0xFE, .. ".jpg,2\n"u8];

        var result = TruthCsvReader.Read(new MemoryStream(bytes), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCode.DuplicateImageId, 3, "a\uFFFD.jpg"), (problem.Code, problem.Line, problem.ImageId));
    }

    [Fact]
    public void Read_LabelsWrittenAsFloats_SameAsIntegers()
    {
        var truth = TruthCsvReader.Read(Csv.Stream("ImageID,ans\na.jpg,6.0\nb.jpg,1e1\nc.jpg,+3\n"), 18).GetValueOrThrow();

        Assert.Equal([6, 10, 3], truth.Labels.ToArray());
    }

    private static string TruthFile(IEnumerable<(string Id, int Label)> rows, string newline = "\n")
    {
        var sb = new StringBuilder("ImageID,ans").Append(newline);
        foreach (var (id, label) in rows)
        {
            sb.Append(id).Append(',').Append(label).Append(newline);
        }

        return sb.ToString();
    }

    private static int FirstLine(string message)
    {
        var at = message.IndexOf("on line ", StringComparison.Ordinal) + "on line ".Length;
        return int.Parse(message.AsSpan(at, message.IndexOf(' ', at) - at), System.Globalization.CultureInfo.InvariantCulture);
    }
}
