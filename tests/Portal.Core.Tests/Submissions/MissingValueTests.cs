using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

/// <summary>
/// A missing prediction written the way pandas, R or a spreadsheet writes one (NaN, NA, None, #N/A...) is named as a
/// missing prediction with the pandas way to find its rows, not as a type to convert (astype(int) fails on NaN).
/// </summary>
public sealed class MissingValueTests
{
    private static readonly GroundTruth Truth = Csv.Truth(4);
    private static string Id(int i) => Truth.Images[i];

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("NA")]
    [InlineData("<NA>")]
    [InlineData("None")]
    [InlineData("#N/A")]
    [InlineData("null")]
    public void Read_LabelWrittenAsMissing_SaysTheImageHasNoPredictionAndHowToFindIt(string missing)
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},1\n{Id(1)},{missing}\n{Id(2)},3\n{Id(3)},4\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.NotAnInteger, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Equal(
            $"'{missing}' is not a whole number: this image has no prediction (a missing value); give every image one (in pandas, df[df['ans'].isna()] lists the rows without one).",
            problem.Message);
    }

    [Theory]
    [InlineData("mask")]
    [InlineData("inf")]
    public void Read_WordThatIsNotAMissingValue_SaysWhatALabelMustBe(string word)
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},1\n{Id(1)},{word}\n{Id(2)},3\n{Id(3)},4\n");

        Assert.Equal($"'{word}' is not a whole number; labels are class indices, whole numbers from 0 to 17 (a class's number, not its name).",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Read_WordInACompetitionOfFiveClasses_NamesItsOwnRange()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},1\n{Id(1)},mask\n{Id(2)},3\n{Id(3)},4\n", ClassTaxonomy.Plain(5));

        Assert.Contains("whole numbers from 0 to 4", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingAndFractionalLabels_EachKindItsOwnFix()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},NaN\n{Id(1)},2.5\n{Id(2)},nan\n{Id(3)},4\n");

        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("isna()", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("(and 1 more line like it: 4)", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("astype(int)", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyLabel_WhatPandasWritesForNaN_SaysTheImageHasNoPrediction()
    {
        var result = Csv.ReadLabels(Truth, $"ImageID,ans\n{Id(0)},1\n{Id(1)},\n{Id(2)},3\n{Id(3)},4\n");

        Assert.Equal(
            "The label is empty: this image has no prediction (a missing value); give every image one (in pandas, df[df['ans'].isna()] lists the rows without one).",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void ReadTruth_MissingLabel_SaysTheImageHasNoLabel()
    {
        using var stream = Csv.Stream($"ImageID,ans\n{Id(0)},1\n{Id(1)},NaN\n");

        var result = TruthCsvReader.Read(stream, 18);

        Assert.Equal(
            "'NaN' is not a whole number: this image has no label (a missing value); give every image one (in pandas, df[df['ans'].isna()] lists the rows without one).",
            Assert.Single(result.Problems).Message);
    }
}
