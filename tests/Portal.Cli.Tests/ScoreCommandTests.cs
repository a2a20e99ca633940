using System.Globalization;
using System.Text.Json;
using Portal.Cli.Tests.Support;
using Portal.Core.Competitions;
using Portal.Core.Scoring;
using Portal.Core.Submissions;

namespace Portal.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SampleSet _set = new(count: 300, classCount: 18, seed: 1);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Score_ValidLabels_PrintsScorersMacroF1AndExitsZero()
    {
        // Arrange
        var labels = _set.NoisyLabels(0.7, seed: 2);
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", _set.LabelsCsv(labels, _set.ShuffledOrder(3)));
        var expected = Scorer.Score(_set.Truth, labels, ClassTaxonomy.MaskGenderAge);

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains($"Macro F1     {expected.MacroF1.ToString("0.0000", CultureInfo.InvariantCulture)}", result.Stdout);
        Assert.Contains($"Accuracy     {expected.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}", result.Stdout);
        Assert.Contains("Not wear / Female / >=60", result.Stdout);
        Assert.Contains("Confusion matrix", result.Stdout);
        Assert.Contains("gender", result.Stdout);
    }

    [Fact]
    public void Score_Json_HasCamelCaseKeysAndFullPrecisionValues()
    {
        // Arrange
        var labels = _set.NoisyLabels(0.6, seed: 4);
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", _set.LabelsCsv(labels));
        var expected = Scorer.Score(_set.Truth, labels, ClassTaxonomy.MaskGenderAge);

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(expected.MacroF1, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(expected.WeightedF1, root.GetProperty("weightedF1").GetDouble());
        Assert.Equal(expected.Accuracy, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(300, root.GetProperty("count").GetInt64());
        var perClass = root.GetProperty("perClass");
        Assert.Equal(18, perClass.GetArrayLength());
        var first = perClass[0];
        Assert.Equal(0, first.GetProperty("class").GetInt32());
        Assert.Equal("Wear / Male / <30", first.GetProperty("name").GetString());
        Assert.Equal(expected.PerClass[0].Precision, first.GetProperty("precision").GetDouble());
        Assert.Equal(expected.PerClass[0].Recall, first.GetProperty("recall").GetDouble());
        Assert.Equal(expected.PerClass[0].F1, first.GetProperty("f1").GetDouble());
        Assert.Equal(expected.PerClass[0].Support, first.GetProperty("support").GetInt64());
        var confusion = root.GetProperty("confusion");
        Assert.Equal(18, confusion.GetArrayLength());
        Assert.Equal(expected.Confusion[2, 5], confusion[2][5].GetInt64());
        var attributes = root.GetProperty("attributes").EnumerateArray().ToArray();
        Assert.Equal(["mask", "gender", "age"], attributes.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(expected.Attributes[1].MacroF1, attributes[1].GetProperty("macroF1").GetDouble());
        Assert.Equal(expected.Attributes[1].Accuracy, attributes[1].GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Score_ProbabilitiesSubmission_ScoresTheArgmax()
    {
        // Arrange
        var probabilities = _set.NoisyProbabilities(0.8, seed: 5);
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("probs.csv", _set.ProbabilitiesCsv(probabilities));
        var argmax = Predictions.FromProbabilities(probabilities, 18).Labels.ToArray();
        var expected = Scorer.Score(_set.Truth, argmax, ClassTaxonomy.MaskGenderAge).MacroF1;

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("macroF1").GetDouble());
    }

    [Fact]
    public void Score_DuplicateId_ReportsBothLinesAndExitsTwo()
    {
        // Arrange: line 6 repeats the id of line 2.
        var lines = _set.LabelsCsv(_set.Truth).TrimEnd('\n').Split('\n').ToList();
        lines.Insert(5, lines[1]);
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", string.Join('\n', lines) + "\n");

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("sub.csv is not a valid submission (1 problem):", result.Stderr);
        Assert.Contains($"line 6, column ImageID: '{_set.Ids[0]}' appears twice: on line 2 and on line 6.", result.Stderr);
    }

    [Fact]
    public void Score_LabelOutOfRange_ReportsLineAndColumnAndExitsTwo()
    {
        // Arrange: the image on line 3 gets label 18 of 18 classes.
        var labels = (byte[])_set.Truth.Clone();
        labels[1] = 18;
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", _set.LabelsCsv(labels));

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("  line 3, column ans: Label 18 is out of range; labels are class indices, whole numbers from 0 to 17.", result.Stderr);
        Assert.Contains("--classes N", result.Stderr);
    }

    [Fact]
    public void Score_NotAnInteger_ReportsTheLine()
    {
        // Arrange
        var csv = _set.LabelsCsv(_set.Truth).Replace($"{_set.Ids[3]},{_set.Truth[3]}\n", $"{_set.Ids[3]},abc\n", StringComparison.Ordinal);
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", csv);

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 5, column ans: 'abc' is not a whole number; labels are class indices, whole numbers from 0 to 17 (a class's number, not its name).", result.Stderr);
    }

    [Fact]
    public void Score_MoreProblemsThanListed_SaysHowManyMore()
    {
        // Arrange: 150 unknown ids (a kind that is listed line by line, unlike bad labels, which fold into one) and
        // the 150 images they leave without a prediction; 100 problems are listed.
        var csv = string.Concat(_set.LabelsCsv(_set.Truth).Split('\n').Select((line, i) => i is >= 1 and <= 150 ? $"unknown{i}.jpg,1\n" : line + "\n")).TrimEnd('\n') + "\n";
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", csv);

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(151 problems):", result.Stderr);
        Assert.Contains("line 101, column ImageID:", result.Stderr);
        Assert.DoesNotContain("line 102,", result.Stderr);
        Assert.Contains("  and 51 more problems.", result.Stderr);
    }

    [Fact]
    public void Score_MissingSubmissionFile_ExitsTwoWithASentence()
    {
        // Arrange
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var missing = _dir.File("nope.csv");

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", missing);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"The submission file '{missing}' does not exist.{Environment.NewLine}", result.Stderr);
    }

    [Fact]
    public void Score_MissingTruthFile_ExitsTwoWithASentence()
    {
        // Arrange
        var submission = _dir.Write("sub.csv", _set.LabelsCsv(_set.Truth));

        // Act
        var result = PortalCli.Run("score", "--truth", _dir.File("info.csv"), "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The truth file", result.Stderr);
        Assert.Contains("does not exist.", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [Fact]
    public void Score_FolderInsteadOfFile_ExitsTwoWithASentence()
    {
        // Arrange
        var truth = _dir.Write("info.csv", _set.TruthCsv());

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", _dir.Path);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder", result.Stderr);
    }

    [Fact]
    public void Score_InvalidTruth_ExitsTwoNamingTheTruthFile()
    {
        // Arrange
        var truth = _dir.Write("info.csv", "ImageID;ans\na.jpg;1\n");
        var submission = _dir.Write("sub.csv", "ImageID,ans\na.jpg,1\n");

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("info.csv is not a valid truth file (1 problem):", result.Stderr);
        Assert.Contains("line 1: Columns are separated by semicolons", result.Stderr);
    }

    [Fact]
    public void Score_MissingRequiredOption_IsAParseErrorWithExitOne()
    {
        // Arrange
        var truth = _dir.Write("info.csv", _set.TruthCsv());

        // Act
        var result = PortalCli.Run("score", "--truth", truth);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--submission", result.Stderr);
    }

    [Fact]
    public void Score_ClassesThree_ScoresAPlainThreeClassTask()
    {
        // Arrange
        var set = new SampleSet(count: 120, classCount: 3, seed: 7);
        var labels = set.NoisyLabels(0.8, seed: 8);
        var truth = _dir.Write("info.csv", set.TruthCsv());
        var submission = _dir.Write("sub.csv", set.LabelsCsv(labels));
        var expected = Scorer.Score(set.Truth, labels, ClassTaxonomy.Plain(3));

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission, "--classes", "3", "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(expected.MacroF1, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(["0", "1", "2"], root.GetProperty("perClass").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(3, root.GetProperty("confusion").GetArrayLength());
        Assert.Equal(0, root.GetProperty("attributes").GetArrayLength());
    }

    [Fact]
    public void Score_ClassesThreeWithLabelFive_ExitsTwo()
    {
        // Arrange
        var set = new SampleSet(count: 30, classCount: 3, seed: 9);
        var labels = (byte[])set.Truth.Clone();
        labels[0] = 5;
        var truth = _dir.Write("info.csv", set.TruthCsv());
        var submission = _dir.Write("sub.csv", set.LabelsCsv(labels));

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission, "--classes", "3");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2, column ans: Label 5 is out of range; labels are class indices, whole numbers from 0 to 2.", result.Stderr);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("257")]
    public void Score_ClassesOutOfRange_ExitsTwo(string classes)
    {
        // Arrange
        var truth = _dir.Write("info.csv", _set.TruthCsv());
        var submission = _dir.Write("sub.csv", _set.LabelsCsv(_set.Truth));

        // Act
        var result = PortalCli.Run("score", "--truth", truth, "--submission", submission, "--classes", classes);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--classes must be between 2 and 256", result.Stderr);
    }
}
