using Portal.TrainingRuns.Tests.Support;

namespace Portal.TrainingRuns.Tests.Histories;

public sealed class HistoryJsonReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_WandbJsonLines_NumbersArePointsMediaSkippedBareNaNKept()
    {
        var path = _dir.Write("wandb-history.jsonl",
            "{\"_step\": 0, \"_runtime\": 1.5, \"_timestamp\": 1764547200.5, \"train/loss\": 0.93, \"examples\": {\"_type\": \"images/separated\", \"count\": 4}}\n" +
            "\n" +
            "{\"_step\": 1, \"_runtime\": 3.0, \"_timestamp\": 1764547202.0, \"train/loss\": NaN, \"val/f1\": 0.61, \"note\": null, \"best\": true}\n" +
            "{\"_step\": 2, \"_runtime\": 4.5, \"_timestamp\": 1764547203.5, \"train/loss\": 0.55, \"val/f1\": \"Infinity\"}\n");

        var set = TrainingRunReader.ReadPaths([path]);

        Assert.Equal(["train/loss", "val/f1"], set.Series.Select(s => s.Tag));
        var loss = SeriesAssert.Find(set, "wandb-history", "train/loss");
        Assert.Equal([0L, 1, 2], loss.Steps.ToArray());
        Assert.Equal([0.93, double.NaN, 0.55], loss.Values.ToArray());
        Assert.Equal([1764547200.5, 1764547202.0, 1764547203.5], loss.WallTimes.ToArray());
        Assert.Equal([0.61, double.PositiveInfinity], SeriesAssert.Find(set, "wandb-history", "val/f1").Values.ToArray());
    }

    [Fact]
    public void Read_PlainJsonArray_RowsByStep()
    {
        var path = _dir.Write("metrics.json", "[\n  {\"step\": 100, \"loss\": 0.5, \"f1\": 0.7},\n  {\"step\": 200, \"loss\": 0.4, \"f1\": 0.75}\n]\n");

        var set = TrainingRunReader.ReadPaths([path]);

        Assert.Equal([100L, 200], SeriesAssert.Find(set, "metrics", "f1").Steps.ToArray());
        Assert.Equal([0.5, 0.4], SeriesAssert.Find(set, "metrics", "loss").Values.ToArray());
        Assert.False(SeriesAssert.Find(set, "metrics", "loss").HasWallTimes);
    }

    [Fact]
    public void Read_BrokenLine_RefusedWithItsLineNumber()
    {
        var path = _dir.Write("h.jsonl", "{\"_step\": 0, \"loss\": 0.9}\n{\"_step\": 1, \"loss\": 0.8}\n{\"_step\": 2, \"loss\": \n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.MalformedJson, 3L), (e.Problem, e.Line));
    }

    [Fact]
    public void Read_TextValue_RefusedAsNotANumber()
    {
        var path = _dir.Write("h.jsonl", "{\"_step\": 0, \"loss\": 0.9}\n{\"_step\": 1, \"loss\": \"low\"}\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.NotANumber, 2L), (e.Problem, e.Line));
        Assert.Contains("'loss'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithoutStep_RefusedAsInvalidStep()
    {
        var path = _dir.Write("h.jsonl", "{\"_step\": 0, \"loss\": 0.9}\n{\"loss\": 0.8}\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.InvalidStep, 2L), (e.Problem, e.Line));
    }

    [Fact]
    public void Read_ArrayElementNotAnObject_RefusedAtThatRow()
    {
        var path = _dir.Write("h.json", "[{\"step\": 1, \"loss\": 0.5}, 3]");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.MalformedJson, 2L), (e.Problem, e.Record));
    }
}
