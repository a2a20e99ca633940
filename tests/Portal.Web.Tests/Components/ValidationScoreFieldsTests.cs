using Bunit;
using Portal.Application.Trust;
using Portal.Core.Trust;
using Portal.Web.Components.Shared;
using Portal.Web.Components.Shared.Charts;

namespace Portal.Web.Tests.Components;

/// <summary>The upload form's validation fields and the validation-gap chart.</summary>
public sealed class ValidationScoreFieldsTests : PortalComponentTest
{
    [Fact]
    public void ValidationScoreFields_PercentTyped_ShowsTheRuleAndTheInputCannotBeRead()
    {
        // Arrange
        var input = new ValidationScoreInput();
        var cut = Render<ValidationScoreFields>(p => p.Add(c => c.Input, input));

        // Act
        cut.Find("input[data-testid=validation-f1]").Input("83");

        // Assert
        Assert.Equal("83", input.F1);
        Assert.Contains("between 0 and 1", cut.Find("[data-testid=validation-fields]").TextContent, StringComparison.Ordinal);
        Assert.False(input.TryRead(out _, out var error));
        Assert.StartsWith(ValidationScoreInput.F1Label, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidationScoreFields_ValidValues_ReadAsScores()
    {
        // Arrange
        var input = new ValidationScoreInput();
        var cut = Render<ValidationScoreFields>(p => p.Add(c => c.Input, input));

        // Act
        cut.Find("input[data-testid=validation-f1]").Input("0.83");
        cut.Find("input[data-testid=validation-folds]").Input("0.81, 0.85");

        // Assert
        Assert.DoesNotContain("between 0 and 1", cut.Find("[data-testid=validation-fields]").TextContent, StringComparison.Ordinal);
        Assert.True(input.TryRead(out var scores, out _));
        Assert.Equal(0.83, scores!.F1);
        Assert.Equal([0.81, 0.85], scores.Folds);
    }

    [Fact]
    public void ValidationGapChart_NoRows_RendersNothing()
    {
        // Act
        var cut = Render<ValidationGapChart>(p => p.Add(c => c.Rows, []));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=validation-gap-chart]"));
    }

    [Fact]
    public void ValidationGapChart_Rows_RendersTheChart()
    {
        // Arrange
        var row = new ValidationGapRow(7, "leaky", DateTime.UnixEpoch, 0.7, 0.65, 0.75, 0.99, 0.98, 1, 3, 0.29, 0.05, 5.8, ValidationGapVerdict.Shift, "shift");

        // Act
        var cut = Render<ValidationGapChart>(p => p.Add(c => c.Rows, [row]));

        // Assert
        Assert.Single(cut.FindAll("[data-testid=validation-gap-chart]"));
    }
}
