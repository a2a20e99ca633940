using System.Text.Json;
using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests;

public sealed class SplitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleSet _set = new(count: 500, classCount: 18, seed: 51);
    private readonly string _truthPath;

    public SplitCommandTests() => _truthPath = _dir.Write("info.csv", _set.TruthCsv());

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Split_SameSeed_WritesIdenticalFiles()
    {
        // Arrange
        var first = _dir.File("first.csv");
        var second = _dir.File("second.csv");

        // Act
        var resultFirst = PortalCli.Run("split", "--truth", _truthPath, "--public", "0.5", "--seed", "42", "--out", first);
        var resultSecond = PortalCli.Run("split", "--truth", _truthPath, "--public", "0.5", "--seed", "42", "--out", second);

        // Assert
        Assert.Equal(0, resultFirst.ExitCode);
        Assert.Equal(0, resultSecond.ExitCode);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Split_DifferentSeed_WritesADifferentFile()
    {
        // Arrange
        var first = _dir.File("first.csv");
        var second = _dir.File("second.csv");

        // Act
        PortalCli.Run("split", "--truth", _truthPath, "--public", "0.5", "--seed", "42", "--out", first);
        PortalCli.Run("split", "--truth", _truthPath, "--public", "0.5", "--seed", "43", "--out", second);

        // Assert
        Assert.NotEqual(File.ReadAllText(first), File.ReadAllText(second));
    }

    [Fact]
    public void Split_Out_ListsEveryImageInTruthOrder()
    {
        // Arrange
        var outPath = _dir.File("split.csv");

        // Act
        var result = PortalCli.Run("split", "--truth", _truthPath, "--public", "0.3", "--seed", "1", "--out", outPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal("ImageID,split", lines[0]);
        Assert.Equal(_set.Ids, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.True(l.EndsWith(",public", StringComparison.Ordinal) || l.EndsWith(",private", StringComparison.Ordinal), l));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.3")]
    [InlineData("0.9")]
    public void Split_PerClassPublicCounts_AreTheRoundedFraction(string fraction)
    {
        // Arrange
        var f = double.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
        var outPath = _dir.File("split.csv");

        // Act
        var result = PortalCli.Run("split", "--truth", _truthPath, "--public", fraction, "--seed", "9", "--json", "--out", outPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var publicIds = File.ReadLines(outPath).Skip(1).Where(l => l.EndsWith(",public", StringComparison.Ordinal)).Select(l => l.Split(',')[0]).ToHashSet();
        var expectedPublicTotal = 0;
        foreach (var entry in root.GetProperty("perClass").EnumerateArray())
        {
            var c = entry.GetProperty("class").GetInt32();
            var members = Enumerable.Range(0, _set.Count).Where(i => _set.Truth[i] == c).ToArray();
            var expectedPublic = (int)Math.Round(members.Length * f, MidpointRounding.AwayFromZero);
            expectedPublicTotal += expectedPublic;
            Assert.Equal(expectedPublic, entry.GetProperty("public").GetInt32());
            Assert.Equal(members.Length - expectedPublic, entry.GetProperty("private").GetInt32());
            Assert.Equal(expectedPublic, members.Count(i => publicIds.Contains(_set.Ids[i])));
        }

        Assert.Equal(expectedPublicTotal, root.GetProperty("publicCount").GetInt32());
        Assert.Equal(_set.Count - expectedPublicTotal, root.GetProperty("privateCount").GetInt32());
    }

    [Fact]
    public void Split_Text_ShowsPerClassCountsAndTotals()
    {
        // Act
        var result = PortalCli.Run("split", "--truth", _truthPath, "--public", "0.5", "--seed", "42");

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Split 500 images: 0.5 of each class public, seed 42.", result.Stdout);
        Assert.Contains("total", result.Stdout);
        Assert.Contains("Wear / Male / <30", result.Stdout);
    }

    [Fact]
    public void Split_ClassesThree_SplitsAThreeClassTruth()
    {
        // Arrange
        var set = new SampleSet(count: 90, classCount: 3, seed: 52);
        var truth = _dir.Write("three.csv", set.TruthCsv());

        // Act
        var result = PortalCli.Run("split", "--truth", truth, "--public", "0.5", "--seed", "42", "--classes", "3", "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("perClass").GetArrayLength());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void Split_PublicOutOfRange_ExitsTwo(string fraction)
    {
        // Act
        var result = PortalCli.Run("split", "--truth", _truthPath, "--public", fraction, "--seed", "42");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--public must be a fraction from 0 to 1", result.Stderr);
    }
}
