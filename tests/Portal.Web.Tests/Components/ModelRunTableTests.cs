using Bunit;
using Portal.Application.Models;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The model-run details of a submission: each model row says the input it ran with, each TTA view its gain over the identity view.</summary>
public sealed class ModelRunTableTests : PortalComponentTest
{
    private static readonly RunInput ImageNetCrop = new(224, 192, "crop", [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f], "bgr");

    private static MemberRun Member(string name, RunInput? input, double? privateOffset = null) => new(name, 1,
        [
            new ViewScore("identity", new F1Pair(0.70, 0.60 + privateOffset)),
            new ViewScore("hflip", new F1Pair(0.72, 0.59 + privateOffset)),
            new ViewScore("vflip", new F1Pair(0.65, 0.61 + privateOffset)),
        ],
        new F1Pair(0.73, 0.62 + privateOffset), input);

    [Fact]
    public void ModelRunTable_ModelRow_ShowsSizeResizeAndNormalisation()
    {
        // Arrange
        var details = new ModelRunDetails("flip", "mean", [Member("net.onnx", ImageNetCrop)], new F1Pair(0.73, null), "CPU");

        // Act
        var cut = Render<ModelRunTable>(p => p.Add(c => c.Details, details));

        // Assert
        var input = cut.Find("[data-testid=member-input]").TextContent;
        Assert.Contains("224x192 crop", input, StringComparison.Ordinal);
        Assert.Contains("BGR, mean 0.485,0.456,0.406, std 0.229,0.224,0.225", input, StringComparison.Ordinal);
        Assert.Contains("net.onnx", cut.Find("[data-testid=gain-member]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelRunTable_TtaViews_GainIsTheViewMinusTheIdentityView()
    {
        // Arrange
        var details = new ModelRunDetails("flip", "mean", [Member("net.onnx", ImageNetCrop)], new F1Pair(0.73, null), "CPU");

        // Act
        var cut = Render<ModelRunTable>(p => p.Add(c => c.Details, details));

        // Assert
        Assert.Equal(["—", "+0.0200", "−0.0500"], cut.FindAll("[data-testid=view-gain]").Select(e => e.TextContent.Trim()));
        Assert.Equal("+0.0300", cut.Find("[data-testid=merged-gain]").TextContent.Trim());
        Assert.Contains("Gain", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelRunTable_PrivateScoresVisible_GainOnBothSplits()
    {
        // Arrange: after the close; private 0.60, 0.59, 0.61.
        var details = new ModelRunDetails("flip", "mean", [Member("net.onnx", ImageNetCrop, privateOffset: 0)], new F1Pair(0.73, 0.62), "CPU");

        // Act
        var cut = Render<ModelRunTable>(p => p.Add(c => c.Details, details));

        // Assert
        Assert.Equal(["—", "+0.0200 / −0.0100", "−0.0500 / +0.0100"], cut.FindAll("[data-testid=view-gain]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Gain (public / private)", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelRunTable_RecordWithoutInputOrViews_ShowsNoInputAndNoGainColumn()
    {
        // Arrange: a run stored before the input was kept, without TTA.
        var member = new MemberRun("old.onnx", 1, [new ViewScore("identity", new F1Pair(0.7, null))], new F1Pair(0.7, null));
        var details = new ModelRunDetails("none", "mean", [member], new F1Pair(0.7, null), "CPU");

        // Act
        var cut = Render<ModelRunTable>(p => p.Add(c => c.Details, details));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=member-input]"));
        Assert.Empty(cut.FindAll("[data-testid=view-gain]"));
        Assert.DoesNotContain("Gain", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }
}
