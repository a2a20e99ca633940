using Bunit;
using Portal.Core.Submissions;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

public sealed class ProblemListTests : PortalComponentTest
{
    private static readonly SubmissionProblem[] Problems =
    [
        new(ProblemCode.NotAnInteger, 3, "'banana' is not an integer.", "ans"),
        new(ProblemCode.DuplicateImageId, 4, "'a.jpg' appears twice: on line 2 and on line 4.", "ImageID"),
        new(ProblemCode.WrongFieldCount, 7, "The row has 3 fields, not 2."),
        new(ProblemCode.MissingImageIds, null, "2 of the 200 images have no prediction: b.jpg, c.jpg."),
    ];

    [Fact]
    public void ProblemList_Problems_ShowsEachWithItsLineAndColumn()
    {
        // Arrange
        var cut = Render<ProblemList>(p => p
            .Add(c => c.Message, "The file has 4 problems:")
            .Add(c => c.Problems, Problems)
            .Add(c => c.TotalProblems, 4));

        // Act
        var items = cut.FindAll("[data-testid=problem]").Select(li => li.TextContent.Trim()).ToList();

        // Assert
        Assert.Contains("The file has 4 problems:", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
        [
            "Line 3, column ans: 'banana' is not an integer.",
            "Line 4, column ImageID: 'a.jpg' appears twice: on line 2 and on line 4.",
            "Line 7: The row has 3 fields, not 2.",
            "2 of the 200 images have no prediction: b.jpg, c.jpg.",
        ], items);
        Assert.DoesNotContain("more.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemList_MoreProblemsThanListed_SaysHowManyMore()
    {
        // Arrange
        var cut = Render<ProblemList>(p => p
            .Add(c => c.Message, "The file has 1,236 problems:")
            .Add(c => c.Problems, Problems)
            .Add(c => c.TotalProblems, 1236));

        // Act
        var text = cut.Find("[data-testid=problem-list]").TextContent;

        // Assert
        Assert.Equal(4, cut.FindAll("[data-testid=problem]").Count);
        Assert.Contains("… and 1,232 more.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemList_NothingWrong_RendersNothing()
    {
        // Arrange
        var cut = Render<ProblemList>(p => p.Add(c => c.Problems, []));

        // Act
        var lists = cut.FindAll("[data-testid=problem-list]");

        // Assert
        Assert.Empty(lists);
        Assert.Equal("", cut.Markup.Trim());
    }
}
