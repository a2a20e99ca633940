using Portal.TrainingRuns.Tests.Support;

namespace Portal.TrainingRuns.Tests.Histories;

public sealed class HistoryCsvReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_WandbExport_EachMetricIsItsNonEmptyCellsWithTimestamps()
    {
        var path = _dir.Write("run-3kx9.csv",
            "_step,_runtime,_timestamp,train/loss,val/f1,_wandb.runtime\n" +
            "0,1.5,1764547200.5,0.93,,2\n" +
            "1,3.0,1764547202,0.71,0.612,3\n" +
            "2,4.5,1764547203.5,0.55,,4\n" +
            "3,6.0,1764547205,0.49,0.658,5\n");

        var set = TrainingRunReader.ReadPaths([path]);

        Assert.Equal(["train/loss", "val/f1"], set.Series.Select(s => s.Tag));
        var loss = SeriesAssert.Find(set, "run-3kx9", "train/loss");
        Assert.Equal([0L, 1, 2, 3], loss.Steps.ToArray());
        Assert.Equal([0.93, 0.71, 0.55, 0.49], loss.Values.ToArray());
        Assert.Equal([1764547200.5, 1764547202, 1764547203.5, 1764547205], loss.WallTimes.ToArray());
        var f1 = SeriesAssert.Find(set, "run-3kx9", "val/f1");
        Assert.Equal([1L, 3], f1.Steps.ToArray());
        Assert.Equal([0.612, 0.658], f1.Values.ToArray());
    }

    [Fact]
    public void Read_PlainStepCsv_NoWallTimes()
    {
        var path = _dir.Write("metrics.csv", "step,loss,acc\n10,0.5,0.81\n20,0.4,0.85\n");

        var set = TrainingRunReader.ReadPaths([path]);

        var acc = SeriesAssert.Find(set, "metrics", "acc");
        Assert.Equal([10L, 20], acc.Steps.ToArray());
        Assert.Equal([0.81, 0.85], acc.Values.ToArray());
        Assert.False(acc.HasWallTimes);
    }

    [Fact]
    public void Read_KerasCsvLogger_EpochIsTheStep()
    {
        var path = _dir.Write("training.csv", "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.61,1.2,0.58,1.3\n1,0.72,0.9,0.66,1.0\n");

        var set = TrainingRunReader.ReadPaths([path]);

        Assert.Equal(4, set.Series.Count);
        Assert.Equal([0L, 1], SeriesAssert.Find(set, "training", "val_loss").Steps.ToArray());
    }

    [Fact]
    public void Read_NaNAndInfinities_KeptAsValues()
    {
        var path = _dir.Write("diverged.csv", "step,loss\n1,0.5\n2,nan\n3,inf\n4,-Infinity\n5,NaN\n");

        var loss = SeriesAssert.Find(TrainingRunReader.ReadPaths([path]), "diverged", "loss");

        Assert.Equal([0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.NaN], loss.Values.ToArray());
    }

    [Fact]
    public void Read_ValueNotANumber_RefusedWithLineAndColumn()
    {
        var path = _dir.Write("bad.csv", "step,loss,acc\n1,0.5,0.8\n2,0.4,high\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.NotANumber, 3L, path), (e.Problem, e.Line, e.FileName));
        Assert.Equal($"{path}, line 3: the value 'high' in column 'acc' is not a number.", e.Message);
    }

    [Fact]
    public void Read_NoStepColumn_RefusedNamingTheColumns()
    {
        var path = _dir.Write("nostep.csv", "loss,acc\n0.5,0.8\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.MissingStepColumn, 1L), (e.Problem, e.Line));
        Assert.Contains("'loss', 'acc'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("ten")]
    public void Read_StepNotAWholeNumber_RefusedAsInvalidStep(string step)
    {
        var path = _dir.Write("steps.csv", $"step,loss\n1,0.5\n{step},0.4\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.InvalidStep, 3L), (e.Problem, e.Line));
    }

    [Fact]
    public void Read_StepWrittenAsFloat_Accepted()
    {
        var path = _dir.Write("pandas.csv", "_step,loss\n1.0,0.5\n2.0,0.4\n");

        Assert.Equal([1L, 2], SeriesAssert.Find(TrainingRunReader.ReadPaths([path]), "pandas", "loss").Steps.ToArray());
    }

    [Fact]
    public void Read_RowWithFewerFields_RefusedAsMalformed()
    {
        var path = _dir.Write("short.csv", "step,loss,acc\n1,0.5,0.8\n\n2,0.4\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.MalformedCsv, 4L), (e.Problem, e.Line));
    }

    [Fact]
    public void Read_BrokenQuote_RefusedAsMalformed()
    {
        var path = _dir.Write("quote.csv", "step,loss\n1,\"0.5\"x\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal(RunFileProblem.MalformedCsv, e.Problem);
        Assert.Equal(2L, e.Line);
    }

    [Fact]
    public void Read_ColumnNamedTwice_RefusedAsMalformed()
    {
        var path = _dir.Write("twice.csv", "step,loss,loss\n1,0.5,0.6\n");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal(RunFileProblem.MalformedCsv, e.Problem);
    }

    [Fact]
    public void Read_OverTheSizeLimit_RefusedBeforeReading()
    {
        var path = _dir.Write("big.csv", "step,loss\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},0.5\n")));

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path], new TrainingRunReadOptions { MaxFileBytes = 100 }));

        Assert.Equal(RunFileProblem.FileTooLarge, e.Problem);
    }
}
