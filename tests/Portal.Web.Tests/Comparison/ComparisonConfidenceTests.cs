using Bunit;
using MudBlazor;
using Portal.Core.Competitions;
using Portal.Core.Comparison;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Application.Comparison;
using Portal.Application.Submissions;
using Portal.Web.Tests.Components;

namespace Portal.Web.Tests.Comparison;

/// <summary>The two-way per-image grid where both submissions have probabilities: filter by confidence, most confident disagreements first.</summary>
public sealed class ComparisonConfidenceTests : PortalComponentTest
{
    private static readonly ClassTaxonomy Taxonomy = ClassTaxonomy.MaskGenderAge;
    private static readonly byte[] A = [0, 1, 2, 3];
    private static readonly byte[] B = [1, 2, 3, 4];

    // Image: (A sure, B sure) -> disagreement confidence (the smaller): 0 (0.9, 0.5) 0.5; 1 (0.95, 0.8) 0.8; 2 (0.3, 0.99) 0.3; 3 (0.7, 0.7) 0.7.
    private static readonly (float A, float B)[] Sure = [(0.9f, 0.5f), (0.95f, 0.8f), (0.3f, 0.99f), (0.7f, 0.7f)];

    private static ComparisonView View(bool confidence)
    {
        var comparison = SubmissionComparison.Compute(A, B, Taxonomy);
        var differences = Enumerable.Range(0, 4).Select(p => new DifferingImage(p, $"img{p}.jpg", A[p], B[p], null, [],
            confidence ? Sure[p].A : null, confidence ? Sure[p].B : null)).ToList();
        return new ComparisonView(1, Submission(1), Submission(2), Taxonomy.ClassNames, comparison.Agreement, null, null, null, false, differences, confidence);
    }

    private static SubmissionView Submission(int id) =>
        new(id, 1, "Team A", DateTime.UtcNow, SubmissionKind.ProbabilitiesCsv, $"model {id}", SubmissionStatus.Scored, null, $"{id}.csv", 10, 0.5, null, false, null, null);

    private static List<string> ImageIds(IRenderedComponent<ComparisonPanel> cut) =>
        cut.FindAll("[data-testid=difference-row] code").Select(c => c.TextContent).ToList();

    [Fact]
    public void ComparisonPanel_MinimumConfidence_KeepsOnlyImagesBothAreThatSureOf()
    {
        // Arrange
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(confidence: true)));

        // Act
        cut.InvokeAsync(() => cut.FindComponent<MudNumericField<int>>().Instance.ValueChanged.InvokeAsync(60));

        // Assert
        Assert.Equal(["img1.jpg", "img3.jpg"], ImageIds(cut));
        Assert.Equal(["95%", "70%"], cut.FindAll("[data-testid=confidence-a]").Select(c => c.TextContent));
    }

    [Fact]
    public void ComparisonPanel_SortByConfidence_MostConfidentDisagreementFirst()
    {
        // Arrange
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(confidence: true)));

        // Act
        cut.InvokeAsync(() => cut.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        // Assert
        Assert.Equal(["img1.jpg", "img3.jpg", "img0.jpg", "img2.jpg"], ImageIds(cut));
    }

    [Fact]
    public void ComparisonPanel_WithoutProbabilities_ShowsNoConfidenceControls()
    {
        var cut = Render<ComparisonPanel>(p => p.Add(c => c.View, View(confidence: false)));

        Assert.Empty(cut.FindAll("[data-testid=confidence-a]"));
        Assert.Empty(cut.FindComponents<MudSwitch<bool>>());
        Assert.Equal(4, ImageIds(cut).Count);
    }
}
