using Bunit;
using Portal.Core.Competitions;
using Portal.Core.Comparison;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Web.Components.Shared.Charts;
using Portal.Application.Comparison;
using Portal.Application.Submissions;
using Portal.Web.Tests.Components;

namespace Portal.Web.Tests.Comparison;

/// <summary>The Compare screen's components on known inputs.</summary>
public sealed class ComparisonComponentTests : PortalComponentTest
{
    private static readonly ClassTaxonomy Taxonomy = ClassTaxonomy.MaskGenderAge;

    // A and B differ on images 4-7: 4 and 5 go from class 4/5 to 3, 6 and 7 from 0 to 6/7.
    private static readonly byte[] Truth = [0, 1, 2, 3, 4, 5, 6, 7];
    private static readonly byte[] A = [0, 1, 2, 3, 4, 5, 0, 0];
    private static readonly byte[] B = [0, 1, 2, 3, 3, 3, 6, 7];

    [Fact]
    public void DisagreementHeatmap_Counts_ListsLargestOffDiagonalCellsFirst()
    {
        // Arrange
        long[] counts = [5, 1, 0, 3, 7, 2, 0, 0, 9];

        // Act
        var cut = Render<DisagreementHeatmap>(p => p
            .Add(c => c.Classes, ["x", "y", "z"])
            .Add(c => c.Counts, counts));

        // Assert
        var chips = cut.FindAll("[data-testid=heatmap-cell]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["y → x: 3", "y → z: 2", "x → y: 1"], chips);
    }

    [Fact]
    public async Task DisagreementHeatmap_ClickCell_ReportsRowAndColumn()
    {
        // Arrange
        ClassPair? selected = null;
        var cut = Render<DisagreementHeatmap>(p => p
            .Add(c => c.Classes, ["x", "y", "z"])
            .Add(c => c.Counts, [0L, 0, 0, 0, 0, 4, 0, 0, 0])
            .Add(c => c.OnCellSelected, pair => selected = pair));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=heatmap-cell]").Click());

        // Assert
        Assert.Equal(new ClassPair(1, 2), selected);
    }

    [Fact]
    public void DisagreementHeatmap_Render_TooltipNamesBothClassesAndScaleStandsBesideTheGrid()
    {
        // Act
        Render<DisagreementHeatmap>(p => p
            .Add(c => c.Classes, ["x", "y", "z"])
            .Add(c => c.Counts, [0L, 0, 0, 0, 0, 4, 0, 0, 0])
            .Add(c => c.RowName, "A")
            .Add(c => c.ColumnName, "B"));

        // Assert
        var options = ChartOptionsJson.Last(JSInterop);
        var cell = options.GetProperty("series")[0].GetProperty("data").EnumerateArray().Single();
        Assert.Equal("A: y → B: z", cell.GetProperty("name").GetString());
        Assert.Equal([2, 1, 4], cell.GetProperty("value").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Contains("{b}", options.GetProperty("tooltip").GetProperty("formatter").GetString(), StringComparison.Ordinal);
        var scale = options.GetProperty("visualMap");
        Assert.Equal("vertical", scale.GetProperty("orient").GetString());
        Assert.Equal("0", scale.GetProperty("right").ToString());
        Assert.True(options.GetProperty("series")[0].GetProperty("labelLayout").GetProperty("hideOverlap").GetBoolean());
        Assert.True(options.GetProperty("series")[0].GetProperty("label").GetProperty("minMargin").GetDouble() >= 2);
    }

    [Fact]
    public void DisagreementHeatmap_ChartClickItem_ReadsColumnRowCountArray()
    {
        // Arrange
        var json = System.Text.Json.JsonDocument.Parse("[2, 1, 4]").RootElement;

        // Act
        var fromJson = DisagreementHeatmap.TryReadCell(json, out var pair);
        var fromNothing = DisagreementHeatmap.TryReadCell(null, out _);

        // Assert
        Assert.True(fromJson);
        Assert.Equal(new ClassPair(1, 2), pair);
        Assert.False(fromNothing);
    }

    [Fact]
    public void ClassScoresChart_TwoSeries_RendersTheChart()
    {
        // Act
        var cut = Render<ClassScoresChart>(p => p
            .Add(c => c.Classes, ["x", "y"])
            .Add(c => c.Series, [new ClassScoresSeries("A", [1, 2]), new ClassScoresSeries("B", [2, 1])]));

        // Assert
        Assert.Single(cut.FindAll("[data-testid=class-scores-chart]"));
    }

    [Fact]
    public void ComparisonPanel_LabelFree_ShowsAgreementAndNoCorrectness()
    {
        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));

        // Assert
        Assert.Equal("50.00%", cut.Find("[data-testid=agreement-rate]").TextContent.Trim());
        Assert.Equal("4 of 8", cut.Find("[data-testid=differing]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=judged-unavailable]"));
        Assert.Empty(cut.FindAll("[data-testid=mcnemar]"));
        Assert.DoesNotContain("Truth", cut.Find("[data-testid=differences]").TextContent, StringComparison.Ordinal);
        Assert.Equal("4 shown", cut.Find("[data-testid=shown-count]").TextContent.Trim());
        var gender = cut.FindAll("[data-testid=attribute-disagreement] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(Taxonomy.Axes.Count, gender.Count);
    }

    [Fact]
    public async Task ComparisonPanel_ClickHeatmapCell_FiltersRowsAndCsvLink()
    {
        // Arrange
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));
        // Equal counts list by row then column: A 0 → B 6 comes first.
        var cell = cut.FindAll("[data-testid=heatmap-cell]")[0];

        // Act
        await cut.InvokeAsync(() => cell.Click());

        // Assert
        Assert.Equal("1 shown", cut.Find("[data-testid=shown-count]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=pair-filter]"));
        Assert.EndsWith("/compare/2/differences.csv?classA=0&classB=6", cut.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonPanel_Judged_ShowsMcNemarQuadrantsPValueAndVerdict()
    {
        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: true)));

        // Assert
        Assert.Equal("4", cut.Find("[data-testid=both-right]").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid=only-a]").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid=only-b]").TextContent.Trim());
        Assert.Equal("0", cut.Find("[data-testid=both-wrong]").TextContent.Trim());
        Assert.Contains("1.0000", cut.Find("[data-testid=mcnemar-p]").TextContent, StringComparison.Ordinal);
        Assert.Contains("within noise", cut.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Taxonomy.Count, cut.FindAll("[data-testid=class-difference-row]").Count);
        Assert.Contains("Truth", cut.Find("[data-testid=differences]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonPanel_WithSlug_ShowsALazyFixedSizeThumbnailPerDifferingImage()
    {
        // Arrange
        var view = View(judged: false);

        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, view).Add(c => c.CompetitionSlug, "masks 2026"));

        // Assert
        var images = cut.FindAll("[data-testid=difference-thumbnail]");
        Assert.NotEmpty(images);
        var first = images[0];
        Assert.Equal("lazy", first.GetAttribute("loading"));
        Assert.Equal("48", first.GetAttribute("height"));
        Assert.Equal($"api/v1/competitions/masks%202026/images/{Uri.EscapeDataString(view.Differences[0].ImageId)}/thumbnail", first.GetAttribute("src"));
    }

    [Fact]
    public async Task ComparisonPanel_ClickThumbnail_OpensTheImageLargeWithBothClassesAndTheTruth()
    {
        // Arrange: the first differing image (position 4) is class 4 in A and truth, class 3 in B.
        var view = View(judged: true);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, view).Add(c => c.CompetitionSlug, "masks"));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=difference-row] [data-testid=image-open]").Click());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal(
            ["A: Wear / Female / 30-59 (class 4)", "B: Wear / Female / <30 (class 3)", "Truth: Wear / Female / 30-59 (class 4)"],
            dialogs.FindAll("[data-testid=image-label]").Select(l => l.TextContent.Trim())));
        Assert.Equal("api/v1/competitions/masks/images/img4.jpg/large", dialogs.Find("[data-testid=image-large]").GetAttribute("src"));
        Assert.Equal("Open image img4.jpg large", cut.Find("[data-testid=difference-row] [data-testid=image-open]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ComparisonPanel_LabelFreeClickThumbnail_ShowsBothClassesAndNoTruth()
    {
        // Arrange
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)).Add(c => c.CompetitionSlug, "masks"));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=difference-row] [data-testid=image-open]").Click());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal(
            ["A: Wear / Female / 30-59 (class 4)", "B: Wear / Female / <30 (class 3)"],
            dialogs.FindAll("[data-testid=image-label]").Select(l => l.TextContent.Trim())));
    }

    [Fact]
    public void ComparisonPanel_WithoutSlug_ShowsNoThumbnails()
    {
        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=difference-thumbnail]"));
    }

    [Fact]
    public async Task ComparisonPanel_AttributeFilter_ListsOnlyImagesWhereItFlips()
    {
        // Arrange
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));
        var age = Taxonomy.Axes[2].Name;
        var chip = cut.FindAll("[data-testid=flip-filter]").Single(c => c.TextContent.Trim() == $"{age} flips");

        // Act
        await cut.InvokeAsync(() => chip.Click());

        // Assert: 4 → 3, 5 → 3 and 0 → 7 change the age; 0 → 6 only the mask.
        Assert.Equal("3 shown", cut.Find("[data-testid=shown-count]").TextContent.Trim());
        Assert.Contains("flip=" + age, cut.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparisonPanel_ClickOnlyARight_ListsImagesOnlyARightOn()
    {
        // Arrange
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: true)));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=only-a] a").Click());

        // Assert
        Assert.Equal("2 shown", cut.Find("[data-testid=shown-count]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=quadrant-filter]"));
    }

    [Fact]
    public void ComparisonPanel_LabelFree_QuadrantsAreNotOffered()
    {
        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=only-a]"));
        Assert.Empty(cut.FindAll("[data-testid=quadrant-filter]"));
    }

    [Fact]
    public void ComparisonPanel_BothPredictOneClass_ShowsKappaUndefinedAndWhy()
    {
        // Arrange
        byte[] constant = [4, 4, 4, 4];
        var comparison = SubmissionComparison.Compute(constant, constant, Taxonomy);
        var view = new ComparisonView(1, Submission(1), Submission(2), Taxonomy.ClassNames, comparison.Agreement, null,
            null, "Per-class scores appear after the competition closes.", false, []);

        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, view));

        // Assert
        Assert.Equal("undefined", cut.Find("[data-testid=kappa]").TextContent.Trim());
        Assert.Equal("Undefined: both submissions predict a single class, so chance agreement is 1.", cut.Find("[data-testid=kappa-undefined]").TextContent.Trim());
    }

    [Fact]
    public void ComparisonPanel_KappaDefined_ShowsTheNumberAndNoReason()
    {
        // Act
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(judged: false)));

        // Assert
        Assert.Matches(@"^-?\d\.\d{4}$", cut.Find("[data-testid=kappa]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=kappa-undefined]"));
    }

    private static ComparisonView View(bool judged)
    {
        var comparison = judged ? SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 100) : SubmissionComparison.Compute(A, B, Taxonomy);
        var differences = SubmissionComparison.DifferingPositions(A, B)
            .Select(p => new DifferingImage(p, $"img{p}.jpg", A[p], B[p], judged ? Truth[p] : null, Flips(A[p], B[p]))).ToList();
        return new ComparisonView(1, Submission(1), Submission(2), Taxonomy.ClassNames, comparison.Agreement, comparison.Judged,
            judged ? "all test images" : null, judged ? null : "Per-class scores appear after the competition closes.", judged, differences);
    }

    private static string[] Flips(int a, int b) =>
        Enumerable.Range(0, Taxonomy.Axes.Count).Where(x => Taxonomy.ValueOf(x, a) != Taxonomy.ValueOf(x, b)).Select(x => Taxonomy.Axes[x].Name).ToArray();

    private static SubmissionView Submission(int id) =>
        new(id, 1, "Team A", DateTime.UtcNow, SubmissionKind.LabelsCsv, $"model {id}", SubmissionStatus.Scored, null, $"{id}.csv", 10, 0.5, null, false, null, null);
}
