using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

/// <summary>Labels written as whole-number floats (pandas after a NaN) are that integer; a real fraction is refused once, with the fix.</summary>
public sealed class FloatLabelTests
{
    private static readonly GroundTruth Truth = Csv.Truth(4);
    private static string Id(int i) => Truth.Images[i];

    [Theory]
    [InlineData("6.0")]
    [InlineData("6.00")]
    [InlineData("6e0")]
    [InlineData("6.")]
    public void Read_WholeNumberWrittenAsFloat_AcceptsThatInteger(string six)
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},{six}\n{Id(1)},2.0\n{Id(2)},0.0\n{Id(3)},17.0\n");

        Assert.True(result.IsValid);
        Assert.Equal([6, 2, 0, 17], result.Value!.Labels.ToArray());
    }

    [Fact]
    public void Read_FractionalLabel_ReportsOneSentenceWithTheFix()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},1\n{Id(1)},6.5\n{Id(2)},3\n{Id(3)},4\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.NotAnInteger, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Equal("ans", problem.Column);
        Assert.Equal("'6.5' is not a whole number; write class indices as integers (in pandas: df['ans'] = df['ans'].astype(int)).", problem.Message);
    }

    [Fact]
    public void Read_FractionOnEveryRow_ReportsOneProblemThatNamesTheOtherLines()
    {
        var truth = Csv.Truth(200);
        var rows = string.Concat(Enumerable.Range(0, truth.Count).Select(i => $"{truth.Images[i]},{truth.Labels[i]}.5\n"));

        var result = Csv.ReadLabels(truth, "ImageID,ans\n" + rows);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, result.TotalProblems);
        Assert.Equal(2, problem.Line);
        Assert.StartsWith($"'{truth.Labels[0]}.5' is not a whole number (and 199 more lines like it: 3, 4, 5, 6, 7, …); write class indices as integers", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Message.Split("astype(int)").Length);
    }

    [Fact]
    public void Read_FractionsAmongOtherProblems_KeepsFileOrderAndFoldsOnlyTheSameKind()
    {
        var text = $"ImageID,ans\n{Id(0)},1.5\n{Id(1)},x\n{Id(2)},2.5\n{Id(3)},40\n";

        var result = Csv.ReadLabels(Truth, text);

        Assert.Equal(
            [(ProblemCode.NotAnInteger, 2), (ProblemCode.NotAnInteger, 3), (ProblemCode.LabelOutOfRange, 5)],
            result.Problems.Select(p => (p.Code, p.Line)));
        Assert.Contains("(and 1 more line like it: 4)", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("'x' is not a whole number; labels are class indices, whole numbers from 0 to 17 (a class's number, not its name).", result.Problems[1].Message);
        Assert.Equal(3, result.TotalProblems);
    }

    [Fact]
    public void Read_WholeFloatOutOfRange_ReportsTheRangeAsWritten()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},18.0\n{Id(1)},2\n{Id(2)},3\n{Id(3)},4\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.LabelOutOfRange, problem.Code);
        Assert.Equal("Label 18.0 is out of range; labels are class indices, whole numbers from 0 to 17.", problem.Message);
    }

    [Fact]
    public void TruthRead_WholeNumberFloats_AcceptsThem()
    {
        var result = TruthCsvReader.Read(Csv.Stream($"ImageID,ans\n{Id(0)},6.0\n{Id(1)},1e0\n"), 18);

        Assert.True(result.IsValid);
        Assert.Equal([6, 1], result.Value!.Labels.ToArray());
    }

    [Fact]
    public void TruthRead_Fraction_ReportsTheFix()
    {
        var result = TruthCsvReader.Read(Csv.Stream($"ImageID,ans\n{Id(0)},6.5\n"), 18);

        Assert.Contains("astype(int)", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProbabilityColumnsNamedAsFloats_MapsThemToTheirClasses()
    {
        var truth = Csv.Truth(2, classes: 3);
        var text = $"ImageID,2.0,0.0,1.0\n{truth.Images[0]},0.7,0.2,0.1\n{truth.Images[1]},0.1,0.1,0.8\n";

        var result = PredictionCsvReader.Read(Csv.Stream(text), truth.Images, ClassTaxonomy.Plain(3));

        Assert.True(result.IsValid);
        Assert.Equal([2, 1], result.Value!.Labels.ToArray());
    }
}
