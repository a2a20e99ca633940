using System.Text.Json;
using Portal.Cli.Tests.Support;
using Portal.TrainingRuns.Tests.Fixtures;

namespace Portal.Cli.Tests;

/// <summary><c>portal curves</c> on a 5-fold TensorBoard run written by the fixture generator, and on histories.</summary>
public sealed class CurvesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Curves_FiveFoldFolder_TextHasEveryRunAndTagWithPointsLastAndBest()
    {
        // Arrange
        var runs = FoldRuns.Write(_dir.Path, steps: 30);
        var loss = runs.Expected.Single(e => e.Run == "fold_2" && e.Tag == "val/loss");
        var best = loss.Values.Min();

        // Act
        var result = PortalCli.Run("curves", _dir.Path);

        // Assert
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.StartsWith("20 series in 5 runs from 5 files.", result.Stdout, StringComparison.Ordinal);
        var line = result.Stdout.Split('\n').Single(l => l.Contains("fold_2", StringComparison.Ordinal) && l.Contains("val/loss", StringComparison.Ordinal));
        var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["fold_2", "val/loss", "6", "2900", loss.Values[^1].ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
            best.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), loss.Steps[loss.Values.IndexOf(best)].ToString(System.Globalization.CultureInfo.InvariantCulture), "min"], cells);
        Assert.Contains("Hyperparameters of fold_0: batch_size=32, lr=0.001, model=resnet18, pretrained=true", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_Json_EverySeriesWithExactlyTheWrittenPoints()
    {
        // Arrange
        var runs = FoldRuns.Write(_dir.Path, steps: 12);

        // Act
        var result = PortalCli.Run("curves", _dir.Path, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(runs.Expected.Count, series.Length);
        foreach (var expected in runs.Expected)
        {
            var s = series.Single(x => x.GetProperty("run").GetString() == expected.Run && x.GetProperty("tag").GetString() == expected.Tag);
            var points = s.GetProperty("points").EnumerateArray().Select(p => (p[0].GetInt64(), p[1].GetDouble())).ToArray();
            Assert.Equal(expected.Steps.Zip(expected.Values), points);
            Assert.Equal(expected.Steps.Count, s.GetProperty("count").GetInt32());
            Assert.Equal(expected.Values[^1], s.GetProperty("last").GetProperty("value").GetDouble());
        }

        Assert.Equal("resnet18", json.RootElement.GetProperty("hparams").GetProperty("fold_3").GetProperty("model").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("files").GetInt32());
    }

    [Fact]
    public void Curves_WandbCsvAndJsonLines_BestByDirection()
    {
        // Arrange
        var csv = _dir.Write("fold0.csv", "_step,_runtime,_timestamp,val_loss,val_f1\n0,1,1764547200,0.9,0.55\n1,2,1764547201,0.6,0.71\n2,3,1764547202,0.7,0.69\n");
        var jsonl = _dir.Write("fold1.jsonl", "{\"_step\": 0, \"val_f1\": 0.5}\n{\"_step\": 1, \"val_f1\": NaN}\n");

        // Act
        var result = PortalCli.Run("curves", csv, jsonl, "--json");

        // Assert
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["fold0/val_f1", "fold0/val_loss", "fold1/val_f1"], series.Select(s => $"{s.GetProperty("run").GetString()}/{s.GetProperty("tag").GetString()}"));
        Assert.Equal((1L, 0.6, "min"), (series[1].GetProperty("best").GetProperty("step").GetInt64(), series[1].GetProperty("best").GetProperty("value").GetDouble(), series[1].GetProperty("direction").GetString()));
        Assert.Equal((1L, 0.71, "max"), (series[0].GetProperty("best").GetProperty("step").GetInt64(), series[0].GetProperty("best").GetProperty("value").GetDouble(), series[0].GetProperty("direction").GetString()));
        Assert.Equal("NaN", series[2].GetProperty("points")[1][1].GetString());
    }

    [Fact]
    public void Curves_DamagedEventFile_ExitsTwoWithFileRecordAndReason()
    {
        // Arrange
        FoldRuns.Write(_dir.Path, folds: 2, steps: 10);
        var file = Directory.GetFiles(Path.Combine(_dir.Path, "fold_1"))[0];
        var bytes = File.ReadAllBytes(file);
        bytes[^2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        // Act
        var result = PortalCli.Run("curves", _dir.Path);

        // Assert
        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        Assert.Matches(@"^.*fold_1/events\.out\.tfevents\.[^,]+, record \d+: the record's data does not match its checksum; the file is damaged\.$", result.Stderr.Trim());
    }

    [Fact]
    public void Curves_CsvWithText_ExitsTwoWithLineAndColumn()
    {
        var csv = _dir.Write("h.csv", "step,loss\n1,0.5\n2,oops\n");

        var result = PortalCli.Run("curves", csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{csv}, line 3: the value 'oops' in column 'loss' is not a number.", result.Stderr.Trim());
    }

    [Fact]
    public void Curves_MissingPath_ExitsTwoWithASentence()
    {
        var missing = _dir.File("runs");

        var result = PortalCli.Run("curves", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{missing}: there is no such file or folder.", result.Stderr.Trim());
    }

    [Fact]
    public void Curves_NoPaths_UsageError()
    {
        Assert.Equal(1, PortalCli.Run("curves").ExitCode);
    }
}
