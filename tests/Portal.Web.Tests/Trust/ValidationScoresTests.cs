using Portal.Application.Trust;

namespace Portal.Web.Tests.Trust;

/// <summary>The one rule for a team's validation numbers, whatever way they come in.</summary>
public sealed class ValidationScoresTests
{
    [Fact]
    public void TryParse_BothBlank_NoScoresAndNoError()
    {
        // Act
        var ok = ValidationScores.TryParse(" ", null, out var scores, out var error);

        // Assert
        Assert.True(ok);
        Assert.Null(scores);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_FoldsOnly_KeepsFoldsAndSummarisesThem()
    {
        // Act
        var ok = ValidationScores.TryParse(null, "0.8, 0.9 ,0.85", out var scores, out _);

        // Assert
        Assert.True(ok);
        Assert.Null(scores!.F1);
        Assert.Equal([0.8, 0.9, 0.85], scores.Folds);
        Assert.Equal(0.85, scores.FoldSummary!.Mean, 12);
        Assert.Equal(0.05, scores.FoldSummary.StandardDeviation, 12);
    }

    [Theory]
    [InlineData("1.01", null, "validationF1")]
    [InlineData("-0.1", null, "validationF1")]
    [InlineData("Infinity", null, "validationF1")]
    [InlineData("0,83", null, "validationF1")]
    [InlineData(null, "0.9", "validationFolds")]
    [InlineData(null, "0.9,,0.8", "validationFolds")]
    public void TryParse_Wrong_ErrorNamesTheField(string? f1, string? folds, string field)
    {
        // Act
        var ok = ValidationScores.TryParse(f1, folds, out var scores, out var error);

        // Assert
        Assert.False(ok);
        Assert.Null(scores);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_TooManyFolds_Refused()
    {
        // Act
        var ok = ValidationScores.TryCreate(null, Enumerable.Repeat(0.5, ValidationScores.MaxFolds + 1).ToList(), out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains($"at most {ValidationScores.MaxFolds}", error, StringComparison.Ordinal);
    }
}
