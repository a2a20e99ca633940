using System.Text.Json;
using Portal.Cli.Tests.Support;
using Portal.Core.Competitions;
using Portal.Core.Ensembles;
using Portal.Core.Scoring;
using Portal.Core.Submissions;

namespace Portal.Cli.Tests;

public sealed class EnsembleCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleSet _set = new(count: 250, classCount: 18, seed: 21);
    private readonly string _truthPath;

    public EnsembleCommandTests() => _truthPath = _dir.Write("info.csv", _set.TruthCsv());

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Ensemble_Hard_WritesLabelsThatScoreReadsBack()
    {
        // Arrange
        var labels = new[] { _set.NoisyLabels(0.5, 22), _set.NoisyLabels(0.55, 23), _set.NoisyLabels(0.6, 24) };
        var paths = labels.Select((l, i) => _dir.Write($"m{i}.csv", _set.LabelsCsv(l, _set.ShuffledOrder(30 + i)))).ToArray();
        var outPath = _dir.File("ens.csv");
        var expected = EnsembleBuilder.Combine(labels.Select(l => new EnsembleMember(new Predictions(l, 18))).ToArray(), EnsembleMethod.Hard);
        var expectedMacroF1 = Scorer.Score(_set.Truth, expected.Labels, ClassTaxonomy.MaskGenderAge).MacroF1;

        // Act
        var result = PortalCli.Run(["ensemble", "--method", "hard", "--out", outPath, .. paths]);
        var score = PortalCli.Run("score", "--truth", _truthPath, "--submission", outPath, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("labels (ImageID,ans)", result.Stdout);
        Assert.Equal("ImageID,ans", File.ReadLines(outPath).First());
        Assert.Equal(_set.Count + 1, File.ReadAllLines(outPath).Length);
        Assert.Equal(0, score.ExitCode);
        using var json = JsonDocument.Parse(score.Stdout);
        Assert.Equal(expectedMacroF1, json.RootElement.GetProperty("macroF1").GetDouble());
    }

    [Fact]
    public void Ensemble_SoftWeighted_WritesProbabilitiesThatScoreReadsBack()
    {
        // Arrange
        var probabilities = new[] { _set.NoisyProbabilities(0.5, 25), _set.NoisyProbabilities(0.6, 26) };
        var paths = probabilities.Select((p, i) => _dir.Write($"p{i}.csv", _set.ProbabilitiesCsv(p))).ToArray();
        var outPath = _dir.File("soft.csv");
        var members = probabilities.Select((p, i) => new EnsembleMember(Predictions.FromProbabilities(p, 18), i + 1)).ToArray();
        var expected = EnsembleBuilder.Combine(members, EnsembleMethod.Soft);
        var expectedMacroF1 = Scorer.Score(_set.Truth, expected.Labels, ClassTaxonomy.MaskGenderAge).MacroF1;

        // Act
        var result = PortalCli.Run(["ensemble", "--method", "soft", "--weights", "1,2", "--out", outPath, .. paths]);
        var score = PortalCli.Run("score", "--truth", _truthPath, "--submission", outPath, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ImageID," + string.Join(',', Enumerable.Range(0, 18)), File.ReadLines(outPath).First());
        Assert.Equal(0, score.ExitCode);
        using var json = JsonDocument.Parse(score.Stdout);
        Assert.Equal(expectedMacroF1, json.RootElement.GetProperty("macroF1").GetDouble());
    }

    [Fact]
    public void Ensemble_SoftOutput_KeepsTheProbabilitiesExactly()
    {
        // Arrange
        var probabilities = new[] { _set.NoisyProbabilities(0.5, 27), _set.NoisyProbabilities(0.6, 28) };
        var paths = probabilities.Select((p, i) => _dir.Write($"p{i}.csv", _set.ProbabilitiesCsv(p))).ToArray();
        var outPath = _dir.File("soft.csv");
        var expected = EnsembleBuilder.Combine(
            probabilities.Select(p => new EnsembleMember(Predictions.FromProbabilities(p, 18))).ToArray(), EnsembleMethod.Soft);

        // Act
        var result = PortalCli.Run(["ensemble", "--method", "soft", "--out", outPath, .. paths]);
        var readBack = PredictionCsvReader.Read(outPath, _set.Index(), ClassTaxonomy.MaskGenderAge);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.True(readBack.IsValid);
        Assert.Equal(expected.Probabilities.ToArray(), readBack.Value!.Probabilities.ToArray());
    }

    [Fact]
    public void Ensemble_GeometricMean_WritesProbabilitiesThatScoreReadsBack()
    {
        // Arrange
        var paths = new[] { _set.NoisyProbabilities(0.5, 29), _set.NoisyProbabilities(0.6, 30) }
            .Select((p, i) => _dir.Write($"p{i}.csv", _set.ProbabilitiesCsv(p))).ToArray();
        var outPath = _dir.File("gmean.csv");

        // Act
        var result = PortalCli.Run(["ensemble", "--method", "gmean", "--out", outPath, .. paths]);
        var score = PortalCli.Run("score", "--truth", _truthPath, "--submission", outPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("probabilities", result.Stdout);
        Assert.Equal(0, score.ExitCode);
    }

    [Fact]
    public void Ensemble_Json_ReportsMethodMembersOutAndCount()
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 31)));
        var pathB = _dir.Write("b.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 32)));
        var outPath = _dir.File("ens.csv");

        // Act
        var result = PortalCli.Run("ensemble", "--method", "hard", "--weights", "1,2.5", "--out", outPath, pathA, pathB, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("hard", root.GetProperty("method").GetString());
        Assert.Equal(outPath, root.GetProperty("out").GetString());
        Assert.Equal(_set.Count, root.GetProperty("count").GetInt32());
        Assert.Equal("labels", root.GetProperty("format").GetString());
        var members = root.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal([pathA, pathB], members.Select(m => m.GetProperty("path").GetString()));
        Assert.Equal([1.0, 2.5], members.Select(m => m.GetProperty("weight").GetDouble()));
    }

    [Fact]
    public void Ensemble_SoftWithALabelsOnlyMember_ExitsTwoWithTheReason()
    {
        // Arrange
        var probabilities = _dir.Write("probs.csv", _set.ProbabilitiesCsv(_set.NoisyProbabilities(0.5, 33)));
        var labels = _dir.Write("labels.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 34)));
        var outPath = _dir.File("ens.csv");

        // Act
        var result = PortalCli.Run("ensemble", "--method", "soft", "--out", outPath, probabilities, labels);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{labels} has labels only; soft voting needs probabilities for every member.", result.Stderr);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Ensemble_WeightsCountMismatch_ExitsTwo()
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 35)));
        var pathB = _dir.Write("b.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 36)));

        // Act
        var result = PortalCli.Run("ensemble", "--method", "hard", "--weights", "1,2,3", "--out", _dir.File("ens.csv"), pathA, pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--weights has 3 values but 2 submissions were given; give one weight per submission.", result.Stderr);
    }

    [Theory]
    [InlineData("1,x")]
    [InlineData("1,-2")]
    [InlineData("1,NaN")]
    public void Ensemble_WeightNotANonNegativeNumber_ExitsTwo(string weights)
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 37)));
        var pathB = _dir.Write("b.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 38)));

        // Act
        var result = PortalCli.Run("ensemble", "--method", "hard", "--weights", weights, "--out", _dir.File("ens.csv"), pathA, pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a number of 0 or more", result.Stderr);
    }

    [Fact]
    public void Ensemble_MemberMissingAnImage_ExitsTwoNamingTheMember()
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 39)));
        var pathB = _dir.Write("b.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 40), Enumerable.Range(0, _set.Count - 2).ToArray()));

        // Act
        var result = PortalCli.Run("ensemble", "--method", "hard", "--out", _dir.File("ens.csv"), pathA, pathB);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("b.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains("2 of the 250 images have no prediction", result.Stderr);
    }

    [Fact]
    public void Ensemble_OutInAMissingFolder_ExitsTwo()
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 41)));

        // Act
        var result = PortalCli.Run("ensemble", "--method", "hard", "--out", Path.Combine(_dir.Path, "no", "ens.csv"), pathA);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
    }

    [Fact]
    public void Ensemble_UnknownMethod_IsAParseError()
    {
        // Arrange
        var pathA = _dir.Write("a.csv", _set.LabelsCsv(_set.NoisyLabels(0.5, 42)));

        // Act
        var result = PortalCli.Run("ensemble", "--method", "mean", "--out", _dir.File("ens.csv"), pathA);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'mean'", result.Stderr);
    }
}
