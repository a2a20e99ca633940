using Bunit;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Web.Components.Shared.Charts;
using Portal.Application.Comparison;
using Portal.Application.Submissions;
using Portal.Web.Tests.Components;

namespace Portal.Web.Tests.Ensembles;

/// <summary>The ensemble builder's preview and the N-way comparison panel on known inputs.</summary>
public sealed class EnsembleComponentTests : PortalComponentTest
{
    private static ManyComparisonMember Member(int id, double? score = null, bool probabilities = false) =>
        new(new SubmissionView(id, 1, "Team A", DateTime.UnixEpoch, SubmissionKind.LabelsCsv, $"run {id}", SubmissionStatus.Scored, null, "f.csv", 10,
            0.5, null, false, null, null), probabilities, score);

    // Members in clustered order #3, #1, #2: #3 and #1 disagree on 10% of images, #2 on 40% with both.
    private static readonly double[][] Disagreement = [[0, 0.1, 0.4], [0.1, 0, 0.4], [0.4, 0.4, 0]];

    private static ManyComparisonView View(bool judged) => new(
        7,
        [Member(3, judged ? 0.61 : null), Member(1, judged ? 0.55 : null), Member(2, judged ? 0.42 : null)],
        Disagreement,
        200,
        100,
        judged ? "all test images" : null,
        judged ? 200 : 0,
        judged ? 0.875 : null,
        judged ? null : "The oracle rate and each submission's score against the truth appear after the competition closes.");

    [Fact]
    public void SubmissionMatrixChart_Cells_ArePercentagesByColumnAndRow()
    {
        var cells = SubmissionMatrixChart.Cells(Disagreement);

        Assert.Equal(9, cells.Count);
        Assert.Contains((1, 0, 10.0), cells);
        Assert.Contains((0, 2, 40.0), cells);
        Assert.Contains((2, 2, 0.0), cells);
    }

    [Fact]
    public void ManyComparisonPanel_Judged_ShowsClusteredOrderOracleRateScoresAndEnsembleLink()
    {
        // Act
        var cut = Render<ManyComparisonPanel>(p => p.Add(c => c.View, View(judged: true)).Add(c => c.CompetitionSlug, "mask"));

        // Assert
        Assert.Equal("Order: #3, #1, #2", cut.Find("[data-testid=matrix-order]").TextContent.Trim());
        Assert.Equal("87.50%", cut.Find("[data-testid=oracle-rate]").TextContent.Trim());
        Assert.Contains("100 of 200 (50.00%)", cut.Find("[data-testid=unanimous]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["0.6100", "0.5500", "0.4200"], cut.FindAll("[data-testid=member-score]").Select(c => c.TextContent.Trim()));
        Assert.EndsWith("c/mask/ensemble?ids=3,1,2", cut.Find("[data-testid=build-ensemble]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=judged-unavailable]"));
        var chart = cut.FindComponent<SubmissionMatrixChart>().Instance;
        Assert.Equal(0.1, chart.Values[0][1]);
    }

    [Fact]
    public void ManyComparisonPanel_NotJudged_ShowsNoOracleRateNorScores()
    {
        var cut = Render<ManyComparisonPanel>(p => p.Add(c => c.View, View(judged: false)).Add(c => c.CompetitionSlug, "mask"));

        Assert.Empty(cut.FindAll("[data-testid=oracle-rate]"));
        Assert.Empty(cut.FindAll("[data-testid=member-score]"));
        Assert.Contains("after the competition closes", cut.Find("[data-testid=judged-unavailable]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsemblePreviewPanel_Members_ShowsAgreementAndUnanimousImages()
    {
        // Act
        var cut = Render<EnsemblePreviewPanel>(p => p.Add(c => c.Preview, View(judged: false)));

        // Assert
        Assert.Equal("100", cut.Find("[data-testid=preview-unanimous]").TextContent.Trim());
        var chart = cut.FindComponent<SubmissionMatrixChart>().Instance;
        Assert.Equal("Agreement", chart.SeriesName);
        Assert.Equal(["#3", "#1", "#2"], chart.Names);
        Assert.Equal(0.9, chart.Values[0][1], 12);
        Assert.Equal(0.6, chart.Values[2][0], 12);
        Assert.Equal(1, chart.Values[1][1], 12);
    }
}
