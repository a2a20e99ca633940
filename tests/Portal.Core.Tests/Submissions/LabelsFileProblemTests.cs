using System.Text;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

/// <summary>One test per malformed case of PRODUCT.md "File formats": the exact problem and its line.</summary>
public sealed class LabelsFileProblemTests
{
    private static readonly GroundTruth Truth = Csv.Truth(4);
    private static string Id(int i) => Truth.Images[i];

    private static string Valid(string newline = "\n") =>
        $"ImageID,ans{newline}{Id(0)},1{newline}{Id(1)},2{newline}{Id(2)},3{newline}{Id(3)},17{newline}";

    private static SubmissionProblem Single(ReadResult<Predictions> result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Read_ValidFile_ReturnsLabelsInHiddenSetOrder()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(3)},17\n{Id(1)},2\n{Id(0)},1\n{Id(2)},3");

        Assert.True(result.IsValid);
        Assert.Equal([1, 2, 3, 17], result.Value!.Labels.ToArray());
    }

    [Fact]
    public void Read_EmptyFile_ReportsEmptyFile()
    {
        var problem = Single(Csv.ReadLabels(Truth, ""));

        Assert.Equal((ProblemCode.EmptyFile, (int?)null), (problem.Code, problem.Line));
    }

    [Fact]
    public void Read_HeaderOnly_ReportsNoRows()
    {
        var problem = Single(Csv.ReadLabels(Truth, "ImageID,ans\n"));

        Assert.Equal((ProblemCode.NoRows, (int?)null), (problem.Code, problem.Line));
    }

    [Fact]
    public void Read_WrongHeaderName_ReportsWrongHeaderOnLineOne()
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid().Replace("ImageID,ans", "ImageID,label", StringComparison.Ordinal)));

        Assert.Equal(ProblemCode.WrongHeader, problem.Code);
        Assert.Equal(1, problem.Line);
        Assert.Contains("'label'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingHeader_ReportsMissingHeaderAndKeepsFirstRow()
    {
        var result = Csv.ReadLabels(Truth, Valid().Replace("ImageID,ans\n", "", StringComparison.Ordinal));

        var problem = Single(result);
        Assert.Equal(ProblemCode.MissingHeader, problem.Code);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Read_DuplicateId_NamesBothLines()
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid() + $"{Id(1)},5\n"));

        Assert.Equal(ProblemCode.DuplicateImageId, problem.Code);
        Assert.Equal(6, problem.Line);
        Assert.Contains("line 3 and on line 6", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Id(1), problem.ImageId);
    }

    [Fact]
    public void Read_UnknownId_ReportsUnknownIdWithItsLine()
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid() + "nothere.jpg,4\n"));

        Assert.Equal(ProblemCode.UnknownImageId, problem.Code);
        Assert.Equal(6, problem.Line);
        Assert.Equal("nothere.jpg", problem.ImageId);
    }

    [Fact]
    public void Read_FileOfAnotherCompetition_OneProblemSaysNoIdBelongsHere()
    {
        // Arrange: 300 rows, not one of them an image of this test set.
        var text = "ImageID,ans\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"other-{i:000}.jpg,1\n"));

        // Act
        var result = Csv.ReadLabels(Truth, text);

        // Assert
        var problem = Single(result);
        Assert.Equal(1, result.TotalProblems);
        Assert.Equal(ProblemCode.UnknownImageId, problem.Code);
        Assert.Equal((2, "other-000.jpg"), (problem.Line, problem.ImageId));
        Assert.StartsWith("None of the file's 300 image ids is an image of this competition's test set", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IdWithWrongCase_SuggestsTheExactId()
    {
        var text = Valid().Replace(Id(2), Id(2).ToUpperInvariant(), StringComparison.Ordinal);

        var result = Csv.ReadLabels(Truth, text);

        var unknown = Assert.Single(result.Problems, p => p.Code == ProblemCode.UnknownImageId);
        Assert.Equal(4, unknown.Line);
        Assert.Contains($"did you mean '{Id(2)}'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Code == ProblemCode.MissingImageIds);
    }

    [Fact]
    public void Read_MissingIds_ReportsCountAndNamesThem()
    {
        var text = $"ImageID,ans\n{Id(0)},1\n{Id(2)},3\n";

        var problem = Single(Csv.ReadLabels(Truth, text));

        Assert.Equal(ProblemCode.MissingImageIds, problem.Code);
        Assert.StartsWith("2 of the 4 images", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Id(1), problem.Message, StringComparison.Ordinal);
        Assert.Contains(Id(3), problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("3a")]
    public void Read_NonIntegerLabel_ReportsNotAnIntegerInColumnAns(string label)
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid().Replace($"{Id(2)},3", $"{Id(2)},{label}", StringComparison.Ordinal)));

        Assert.Equal(ProblemCode.NotAnInteger, problem.Code);
        Assert.Equal(4, problem.Line);
        Assert.Equal("ans", problem.Column);
    }

    [Theory]
    [InlineData("18")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public void Read_LabelOutOfRange_ReportsRange(string label)
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid().Replace($"{Id(3)},17", $"{Id(3)},{label}", StringComparison.Ordinal)));

        Assert.True(problem.Code is ProblemCode.LabelOutOfRange or ProblemCode.NotAnInteger);
        Assert.Equal(5, problem.Line);
        if (problem.Code == ProblemCode.LabelOutOfRange)
        {
            Assert.Contains("0 to 17", problem.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(";", "semicolons")]
    [InlineData("\t", "tabs")]
    [InlineData("|", "'|'")]
    public void Read_WrongDelimiter_NamesTheDelimiter(string delimiter, string named)
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid().Replace(",", delimiter, StringComparison.Ordinal)));

        Assert.Equal(ProblemCode.WrongDelimiter, problem.Code);
        Assert.Equal(1, problem.Line);
        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsTheLineWhereItOpens()
    {
        var text = $"ImageID,ans\n{Id(0)},1\n\"{Id(1)},2\n{Id(2)},3\n{Id(3)},17\n";

        var result = Csv.ReadLabels(Truth, text);

        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCode.UnterminatedQuote);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Read_StrayQuote_ReportsMalformedQuote()
    {
        var text = Valid().Replace($"{Id(2)},3", $"{Id(2)}\"x,3", StringComparison.Ordinal);

        var result = Csv.ReadLabels(Truth, text);

        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCode.MalformedQuote);
        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Read_QuotedFields_AreAccepted()
    {
        var text = $"\"ImageID\",\"ans\"\r\n\"{Id(0)}\",\"1\"\r\n{Id(1)},2\r\n\"{Id(2)}\",3\r\n{Id(3)},\"17\"";

        var result = Csv.ReadLabels(Truth, text);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Read_WrongFieldCount_ReportsExpectedAndFound()
    {
        var problem = Single(Csv.ReadLabels(Truth, Valid().Replace($"{Id(1)},2", $"{Id(1)},2,extra", StringComparison.Ordinal)));

        Assert.Equal(ProblemCode.WrongFieldCount, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Contains("Expected 2 columns, found 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyImageId_ReportsEmptyId()
    {
        var result = Csv.ReadLabels(Truth, Valid() + ",4\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.EmptyImageId, problem.Code);
        Assert.Equal(6, problem.Line);
    }

    [Fact]
    public void Read_BinaryData_ReportsBinary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var result = PredictionCsvReader.Read(new MemoryStream(png), Truth.Images, ClassTaxonomy.MaskGenderAge);

        Assert.Equal(ProblemCode.BinaryData, Single(result).Code);
    }

    [Fact]
    public void Read_BinaryDataAfterABadRow_ReportsTheRowFirst()
    {
        // The reader checks rows in batches; binary data arriving in a later read must not jump ahead of a held-back row.
        var truth = Csv.Truth(2000);
        string Rows(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(i => $"{truth.Images[i]},1\n"));
        var text = Encoding.UTF8.GetBytes($"ImageID,ans\n{Rows(0, 1986)}not-an-image.jpg,2\n{Rows(1986, 1990)}");
        var result = PredictionCsvReader.Read(new TwoPartStream(text, new byte[4096]), truth.Images, ClassTaxonomy.MaskGenderAge);

        Assert.False(result.IsValid);
        Assert.Equal([ProblemCode.UnknownImageId, ProblemCode.BinaryData], result.Problems.Select(p => p.Code).Take(2).ToArray());
        Assert.Equal(1988, result.Problems[0].Line);
    }

    [Fact]
    public void Read_Utf16File_ReportsNotUtf8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Valid())).ToArray();

        var result = PredictionCsvReader.Read(new MemoryStream(bytes), Truth.Images, ClassTaxonomy.MaskGenderAge);

        var problem = Single(result);
        Assert.Equal(ProblemCode.NotUtf8, problem.Code);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8InId_ReportsNotUtf8OnItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid()).Concat(new byte[] { 0xC3, 0x28, 0x2C, 0x31, 0x0A }).ToArray();

        var result = PredictionCsvReader.Read(new MemoryStream(bytes), Truth.Images, ClassTaxonomy.MaskGenderAge);

        var problem = Single(result);
        Assert.Equal(ProblemCode.NotUtf8, problem.Code);
        Assert.Equal(6, problem.Line);
    }

    [Fact]
    public void Read_FileOverSizeLimit_ReportsTooLarge()
    {
        var options = CsvReadOptions.Default with { MaxBytes = 64 };

        var result = Csv.ReadLabels(Truth, Valid(), options: options);

        var problem = Single(result);
        Assert.Equal((ProblemCode.FileTooLarge, (int?)null), (problem.Code, problem.Line));
        Assert.Contains("64 bytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyProblems_ListsUpToTheCapAndCountsAll()
    {
        var options = CsvReadOptions.Default with { MaxListedProblems = 3 };
        // One id of the test set, so the file is not one of another competition (whose unknown ids are said once).
        var text = $"ImageID,ans\n{Id(0)},1\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"unknown{i}.jpg,1\n"));

        var result = Csv.ReadLabels(Truth, text, options: options);

        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(11, result.TotalProblems);
        Assert.Equal([3, 4, 5], result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Read_EveryProblem_IsListedInFileOrderWithLines()
    {
        var text = $"ImageID,ans\n{Id(0)},1\n{Id(0)},2\n{Id(1)},x\n{Id(2)},40\nzzz.png,1\n";

        var result = Csv.ReadLabels(Truth, text);

        Assert.Equal(
            [(ProblemCode.DuplicateImageId, 3), (ProblemCode.NotAnInteger, 4), (ProblemCode.LabelOutOfRange, 5), (ProblemCode.UnknownImageId, 6), (ProblemCode.MissingImageIds, null)],
            result.Problems.Select(p => (p.Code, p.Line)));
    }

    [Fact]
    public void Problem_ToString_NamesLineAndColumn()
    {
        var problem = new SubmissionProblem(ProblemCode.NotAnInteger, 12, "'x' is not a whole number.", "ans");

        Assert.Equal("line 12, column ans: 'x' is not a whole number.", problem.ToString());
    }

    [Fact]
    public void Problem_ToString_WithoutLine_IsTheMessageAlone()
    {
        var problem = new SubmissionProblem(ProblemCode.EmptyFile, null, "The file is empty.");

        Assert.Equal("The file is empty.", problem.ToString());
    }
}
