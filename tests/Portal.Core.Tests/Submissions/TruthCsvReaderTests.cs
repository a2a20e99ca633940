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
}
