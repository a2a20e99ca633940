using System.Text.Json;
using Portal.Cli.Tests.Support;
using Portal.Core.Comparison;
using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleSet _set = new(count: 400, classCount: 18, seed: 11);
    private readonly byte[] _labelsA;
    private readonly byte[] _labelsB;
    private readonly string _pathA;
    private readonly string _pathB;
    private readonly string _truthPath;

    public DiffCommandTests()
    {
        _labelsA = _set.NoisyLabels(0.6, seed: 12);
        _labelsB = _set.NoisyLabels(0.75, seed: 13);
        _truthPath = _dir.Write("info.csv", _set.TruthCsv());
        _pathA = _dir.Write("a.csv", _set.LabelsCsv(_labelsA, _set.ShuffledOrder(14)));
        _pathB = _dir.Write("b.csv", _set.LabelsCsv(_labelsB, _set.ShuffledOrder(15)));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Diff_WithoutTruth_ReportsAgreementAndKappaOfPairComparer()
    {
        // Arrange
        var expected = PairComparer.Compare(_labelsA, _labelsB, ClassTaxonomy.MaskGenderAge);

        // Act
        var result = PortalCli.Run("diff", _pathA, _pathB, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(expected.Rate, root.GetProperty("agreement").GetDouble());
        Assert.Equal(expected.Kappa, root.GetProperty("kappa").GetDouble());
        Assert.Equal(expected.Transition[3, 7], root.GetProperty("transition")[3][7].GetInt64());
        Assert.Equal(expected.CountsA, root.GetProperty("countsA").EnumerateArray().Select(c => c.GetInt64()));
        Assert.Equal(expected.CountsB, root.GetProperty("countsB").EnumerateArray().Select(c => c.GetInt64()));
        var mask = root.GetProperty("attributes")[0];
        Assert.Equal("mask", mask.GetProperty("name").GetString());
        Assert.Equal(expected.Attributes[0].Count, mask.GetProperty("count").GetInt64());
        Assert.Equal(expected.Attributes[0].Rate, mask.GetProperty("rate").GetDouble());
        Assert.False(root.TryGetProperty("truth", out _));
    }

    [Fact]
    public void Diff_WithoutTruthAsText_ShowsAgreementKappaAndTransitionMatrix()
    {
        // Act
        var result = PortalCli.Run("diff", _pathA, _pathB);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Agreement", result.Stdout);
        Assert.Contains("Cohen's kappa", result.Stdout);
        Assert.Contains("Transition matrix (rows: A's label, columns: B's label)", result.Stdout);
        Assert.Contains("Disagreement per attribute", result.Stdout);
        Assert.DoesNotContain("McNemar", result.Stdout);
    }

    [Fact]
    public void Diff_WithoutTruthBMissingAnImage_ExitsTwoNamingB()
    {
        // Arrange
        var order = Enumerable.Range(1, _set.Count - 1).ToArray();
        var pathB = _dir.Write("short.csv", _set.LabelsCsv(_labelsB, order));

        // Act
        var result = PortalCli.Run("diff", _pathA, pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("short.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains($"1 of the 400 images has no prediction: {_set.Ids[0]}.", result.Stderr);
    }

    [Fact]
    public void Diff_WithoutTruthBNamingAnotherImage_ExitsTwoWithTheLine()
    {
        // Arrange
        var csv = _set.LabelsCsv(_labelsB) + "0000000000000000000000000000000000000000.jpg,3\n";
        var pathB = _dir.Write("extra.csv", csv);

        // Act
        var result = PortalCli.Run("diff", _pathA, pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 402, column ImageID: '0000000000000000000000000000000000000000.jpg' is not an image", result.Stderr);
    }

    [Fact]
    public void Diff_WithoutTruthADuplicatingAnId_ReportsAWithBothLines()
    {
        // Arrange
        var csv = _set.LabelsCsv(_labelsA) + $"{_set.Ids[0]},1\n";
        var pathA = _dir.Write("dup.csv", csv);

        // Act
        var result = PortalCli.Run("diff", pathA, _pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"dup.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains($"line 402, column ImageID: '{_set.Ids[0]}' appears twice: on line 2 and on line 402.", result.Stderr);
        Assert.DoesNotContain("b.csv", result.Stderr);
    }

    [Fact]
    public void Diff_WithTruth_AddsScoresMcNemarAndBootstrap()
    {
        // Arrange
        var scoreA = Scorer.Score(_set.Truth, _labelsA, ClassTaxonomy.MaskGenderAge);
        var scoreB = Scorer.Score(_set.Truth, _labelsB, ClassTaxonomy.MaskGenderAge);
        var mcNemar = McNemarTable.Compute(_set.Truth, _labelsA, _labelsB);
        var bootstrap = PairedBootstrap.MacroF1Difference(_set.Truth, _labelsA, _labelsB, 18, resamples: 200, seed: 7);

        // Act
        var result = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--json", "--seed", "7", "--resamples", "200");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var truth = json.RootElement.GetProperty("truth");
        Assert.Equal(scoreA.MacroF1, truth.GetProperty("macroF1A").GetDouble());
        Assert.Equal(scoreB.MacroF1, truth.GetProperty("macroF1B").GetDouble());
        var class4 = truth.GetProperty("perClass")[4];
        Assert.Equal(4, class4.GetProperty("class").GetInt32());
        Assert.Equal(scoreA.PerClass[4].F1, class4.GetProperty("f1A").GetDouble());
        Assert.Equal(scoreB.PerClass[4].F1, class4.GetProperty("f1B").GetDouble());
        Assert.Equal(scoreB.PerClass[4].F1 - scoreA.PerClass[4].F1, class4.GetProperty("difference").GetDouble());
        var table = truth.GetProperty("mcnemar");
        Assert.Equal(mcNemar.BothCorrect, table.GetProperty("bothCorrect").GetInt64());
        Assert.Equal(mcNemar.OnlyACorrect, table.GetProperty("onlyACorrect").GetInt64());
        Assert.Equal(mcNemar.OnlyBCorrect, table.GetProperty("onlyBCorrect").GetInt64());
        Assert.Equal(mcNemar.BothWrong, table.GetProperty("bothWrong").GetInt64());
        Assert.Equal(mcNemar.PValue, table.GetProperty("pValue").GetDouble());
        var interval = truth.GetProperty("bootstrap");
        Assert.Equal(bootstrap.ObservedDifference, interval.GetProperty("observedDifference").GetDouble());
        Assert.Equal(bootstrap.Lower, interval.GetProperty("lower").GetDouble());
        Assert.Equal(bootstrap.Upper, interval.GetProperty("upper").GetDouble());
        Assert.Equal(0.95, interval.GetProperty("confidence").GetDouble());
        Assert.Equal(200, interval.GetProperty("resamples").GetInt32());
        Assert.Equal(7UL, interval.GetProperty("seed").GetUInt64());
        Assert.Equal(bootstrap.BeyondNoise, interval.GetProperty("beyondNoise").GetBoolean());
        Assert.Equal(bootstrap.Verdict, interval.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Diff_WithTruthAsText_ShowsMcNemarAndTheVerdict()
    {
        // Arrange
        var verdict = PairedBootstrap.MacroF1Difference(_set.Truth, _labelsA, _labelsB, 18).Verdict;

        // Act
        var result = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("McNemar test", result.Stdout);
        Assert.Contains("exact p-value:", result.Stdout);
        Assert.Contains("95% interval: [", result.Stdout);
        Assert.Contains("(1,000 resamples, seed 42)", result.Stdout);
        Assert.Contains(verdict, result.Stdout);
    }

    [Fact]
    public void Diff_WithTruthSameSeed_GivesIdenticalOutput()
    {
        // Act
        var first = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--json", "--seed", "123");
        var second = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--json", "--seed", "123");

        // Assert
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Diff_WithTruthOtherSeed_DrawsAnotherInterval()
    {
        // Act
        var first = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--json", "--seed", "1");
        var second = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--json", "--seed", "2");

        // Assert
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        var intervalA = a.RootElement.GetProperty("truth").GetProperty("bootstrap");
        var intervalB = b.RootElement.GetProperty("truth").GetProperty("bootstrap");
        Assert.NotEqual(
            (intervalA.GetProperty("lower").GetDouble(), intervalA.GetProperty("upper").GetDouble()),
            (intervalB.GetProperty("lower").GetDouble(), intervalB.GetProperty("upper").GetDouble()));
    }

    [Fact]
    public void Diff_WithTruthBothInvalid_ReportsBothFiles()
    {
        // Arrange
        var badA = (byte[])_labelsA.Clone();
        badA[0] = 30;
        var badB = (byte[])_labelsB.Clone();
        badB[1] = 40;
        var pathA = _dir.Write("bad-a.csv", _set.LabelsCsv(badA));
        var pathB = _dir.Write("bad-b.csv", _set.LabelsCsv(badB));

        // Act
        var result = PortalCli.Run("diff", pathA, pathB, "--truth", _truthPath);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad-a.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains("line 2, column ans: Label 30 is out of range", result.Stderr);
        Assert.Contains("bad-b.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains("line 3, column ans: Label 40 is out of range", result.Stderr);
    }

    [Fact]
    public void Diff_ResamplesBelowOne_ExitsTwo()
    {
        // Act
        var result = PortalCli.Run("diff", _pathA, _pathB, "--truth", _truthPath, "--resamples", "0");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--resamples must be between 1 and 1,000,000", result.Stderr);
    }

    [Fact]
    public void Diff_MissingB_ExitsTwoWithASentence()
    {
        // Act
        var result = PortalCli.Run("diff", _pathA, _dir.File("missing.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The submission file", result.Stderr);
        Assert.Contains("missing.csv' does not exist.", result.Stderr);
    }
}
