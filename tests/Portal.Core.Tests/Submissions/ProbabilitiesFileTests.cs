using System.Globalization;
using System.Text;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

public sealed class ProbabilitiesFileTests
{
    private static readonly ClassTaxonomy Three = ClassTaxonomy.Plain(3);
    private static readonly GroundTruth Truth = Csv.Truth(3, classes: 3);

    private static string File(string header, params string[] rows)
    {
        var sb = new StringBuilder(header).Append('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            sb.Append(Truth.Images[i]).Append(',').Append(rows[i]).Append('\n');
        }

        return sb.ToString();
    }

    private static ReadResult<Predictions> Read(string text) => Csv.ReadLabels(Truth, text, Three);

    [Theory]
    [InlineData("ImageID,0,1,2")]
    [InlineData("ImageID,p0,p1,p2")]
    [InlineData("ImageID,P0,P1,P2")]
    public void Read_ColumnNamingConventions_AreAccepted(string header)
    {
        var result = Read(File(header, "0.2,0.5,0.3", "1,0,0", "0.1,0.1,0.8"));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal([1, 0, 2], result.Value!.Labels.ToArray());
        Assert.Equal(0.5f, result.Value.ProbabilitiesOf(0)[1]);
    }

    [Fact]
    public void Read_ClassNameColumnsInAnyOrder_MapToClasses()
    {
        var taxonomy = new ClassTaxonomy(["cat", "dog", "bird"]);
        var text = File("ImageID,bird,cat,dog", "0.7,0.2,0.1", "0,0,1", "0.25,0.5,0.25");

        var result = Csv.ReadLabels(Truth, text, taxonomy);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal([2, 1, 0], result.Value!.Labels.ToArray());
    }

    [Fact]
    public void Read_Ties_GoToLowestClass()
    {
        var result = Read(File("ImageID,0,1,2", "0.25,0.375,0.375", "0.5,0.5,0", "0.2,0.2,0.6"));

        Assert.Equal([1, 0, 2], result.Value!.Labels.ToArray());
    }

    [Fact]
    public void Read_ExponentNotation_IsAccepted()
    {
        var result = Read(File("ImageID,0,1,2", "2.5e-06,0.9999975,0", "1E0,0,0", "0,0,1.0"));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Read_RowSumOff_NamesTheRow()
    {
        var result = Read(File("ImageID,0,1,2", "0.2,0.5,0.3", "0.5,0.4,0.05", "0,0,1"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.RowSumNotOne, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Equal(Truth.Images[1], problem.ImageId);
        Assert.Contains("sum to 0.95", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LogitsOnEveryRow_OneProblemWithTheSoftmaxFix()
    {
        var rows = Enumerable.Range(0, Truth.Count).Select(i => i % 2 == 0 ? "-9,2.5,-1" : "3,-0.5,1").ToArray();

        var result = Read(File("ImageID,0,1,2", rows));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCode.NegativeProbability, 1), (problem.Code, result.TotalProblems));
        Assert.StartsWith("Probability -9 is negative (and 2 more lines like it: 3, 4);", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("scores or logits need a softmax first (in PyTorch: logits.softmax(dim=1)).", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowSumWithinTolerance_IsAccepted()
    {
        var result = Read(File("ImageID,0,1,2", "0.2,0.5,0.3004", "1,0,0", "0,0,1"));

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("0.5,NaN,0.5", "'NaN' is not a finite number: this image has no prediction (a missing value); give every image one (in pandas, df[df['1'].isna()] lists the rows without one).")]
    [InlineData("0.5,,0.5", "'' is not a finite number: this image has no prediction (a missing value); give every image one (in pandas, df[df['1'].isna()] lists the rows without one).")]
    [InlineData("0.5,abc,0.5", "'abc' is not a finite number.")]
    public void Read_NotANumber_MissingValueSaysHowToFindItsRows(string row, string message)
    {
        var result = Read(File("ImageID,0,1,2", "1,0,0", row, "0,0,1"));

        Assert.Equal(message, Assert.Single(result.Problems).Message);
    }

    [Theory]
    [InlineData("-0.1,0.6,0.5", ProblemCode.NegativeProbability, "0")]
    [InlineData("0.5,abc,0.5", ProblemCode.NotANumber, "1")]
    [InlineData("0.5,NaN,0.5", ProblemCode.NotANumber, "1")]
    [InlineData("0.5,0.5,Infinity", ProblemCode.NotANumber, "2")]
    public void Read_BadValue_NamesLineAndColumn(string row, ProblemCode code, string column)
    {
        var result = Read(File("ImageID,0,1,2", "1,0,0", row, "0,0,1"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
    }

    [Fact]
    public void Read_UnknownClassColumn_ReportsWrongHeader()
    {
        var result = Read(File("ImageID,0,1,x", "1,0,0", "0,1,0", "0,0,1"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.WrongHeader, problem.Code);
        Assert.Contains("'x'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateClassColumn_ReportsWrongHeader()
    {
        var result = Read(File("ImageID,0,p0,2", "1,0,0", "0,1,0", "0,0,1"));

        Assert.Equal(ProblemCode.WrongHeader, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Read_WrongColumnCount_SaysWhatIsExpected()
    {
        var result = Read(File("ImageID,0,1", "1,0", "0,1", "0,1"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.WrongHeader, problem.Code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Expected 2 columns (ImageID,ans) or 4"), problem.Message, StringComparison.Ordinal);
    }
}
