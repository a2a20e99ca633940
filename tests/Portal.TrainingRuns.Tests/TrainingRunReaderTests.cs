using Portal.TrainingRuns.Tests.Fixtures;
using Portal.TrainingRuns.Tests.Support;

namespace Portal.TrainingRuns.Tests;

public sealed class TrainingRunReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadPaths_FiveFoldFolder_EachFoldIsARunWithExactlyTheWrittenPoints()
    {
        var runs = FoldRuns.Write(_dir.Path);

        var set = TrainingRunReader.ReadPaths([_dir.Path]);

        Assert.Equal(20, set.Series.Count);
        foreach (var expected in runs.Expected)
        {
            SeriesAssert.Equal(expected, set);
        }

        Assert.Equal(["fold_0", "fold_1", "fold_2", "fold_3", "fold_4"], set.Runs);
        Assert.Equal(5, set.Files);
    }

    [Fact]
    public void ReadPaths_FiveFoldFolder_HParamsOfEachFold()
    {
        var runs = FoldRuns.Write(_dir.Path);

        var set = TrainingRunReader.ReadPaths([_dir.Path]);

        foreach (var (run, hparams) in runs.HParams)
        {
            Assert.Equal(hparams, set.HParams[run]);
        }
    }

    [Fact]
    public void ReadPaths_TwoRunFolders_RunsPrefixedByEachFolderName()
    {
        FoldRuns.Write(Path.Combine(_dir.Path, "baseline"), folds: 2, steps: 5);
        FoldRuns.Write(Path.Combine(_dir.Path, "mixup"), folds: 2, steps: 5);

        var set = TrainingRunReader.ReadPaths([Path.Combine(_dir.Path, "baseline"), Path.Combine(_dir.Path, "mixup") + "/"]);

        Assert.Equal(["baseline/fold_0", "baseline/fold_1", "mixup/fold_0", "mixup/fold_1"], set.Runs);
    }

    [Fact]
    public void ReadPaths_OneEventFile_RunIsDot()
    {
        FoldRuns.Write(_dir.Path, folds: 1, steps: 3);
        var file = Directory.GetFiles(Path.Combine(_dir.Path, "fold_0"))[0];

        var set = TrainingRunReader.ReadPaths([file]);

        Assert.All(set.Series, s => Assert.Equal(".", s.Run));
        Assert.Equal(3, SeriesAssert.Find(set, ".", "train/loss").Count);
    }

    [Fact]
    public void ReadPaths_TwoFilesOfOneRun_PointsJoinedInFileNameOrder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "run")).FullName;
        using (var w = new TfEventsWriter(File.Create(Path.Combine(folder, "events.out.tfevents.2.host"))))
        {
            w.FileVersion(2).Scalar("loss", 10, 20, 0.25, ScalarForm.SimpleValue);
        }

        using (var w = new TfEventsWriter(File.Create(Path.Combine(folder, "events.out.tfevents.1.host"))))
        {
            w.FileVersion(1).Scalar("loss", 5, 10, 0.5, ScalarForm.SimpleValue);
        }

        var set = TrainingRunReader.ReadPaths([folder]);

        var loss = SeriesAssert.Find(set, ".", "loss");
        Assert.Equal([5L, 10L], loss.Steps.ToArray());
        Assert.Equal([0.5, 0.25], loss.Values.ToArray());
    }

    [Fact]
    public void ReadPaths_EventFolderAndHistoryFile_BothRead()
    {
        FoldRuns.Write(_dir.Path, folds: 1, steps: 3);
        var history = _dir.Write("wandb_export.csv", "_step,_runtime,_timestamp,val_f1\n0,1.5,1764547200.5,0.61\n1,3.0,1764547202.0,0.64\n");

        var set = TrainingRunReader.ReadPaths([Path.Combine(_dir.Path, "fold_0"), history]);

        Assert.Equal(["fold_0", "wandb_export"], set.Runs);
        Assert.Equal([0.61, 0.64], SeriesAssert.Find(set, "wandb_export", "val_f1").Values.ToArray());
    }

    [Fact]
    public void ReadPaths_MissingPath_RefusedAsNotFound()
    {
        var path = _dir.File("nope");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.NotFound, path), (e.Problem, e.FileName));
    }

    [Fact]
    public void ReadPaths_FolderWithoutEventFiles_RefusedAsNoEventFiles()
    {
        _dir.Write("notes.txt", "hello");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([_dir.Path]));

        Assert.Equal(RunFileProblem.NoEventFiles, e.Problem);
    }

    [Fact]
    public void ReadPaths_UnknownFileKind_RefusedAsUnsupported()
    {
        var path = _dir.Write("model.onnx", "x");

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal(RunFileProblem.UnsupportedFile, e.Problem);
    }

    [Fact]
    public void ReadPaths_EventFileOverTwoGiB_RefusedBeforeReading()
    {
        var path = _dir.File("events.out.tfevents.1.huge");
        using (var file = File.Create(path))
        {
            // Sparse: no disk is used, and nothing is read.
            file.SetLength(2L * 1024 * 1024 * 1024 + 1);
        }

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([path]));

        Assert.Equal((RunFileProblem.FileTooLarge, path), (e.Problem, e.FileName));
        Assert.Contains("the limit of 2 GiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPaths_MoreFilesThanTheLimit_RefusedAsTooManyFiles()
    {
        FoldRuns.Write(_dir.Path, folds: 3, steps: 1);

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([_dir.Path], new TrainingRunReadOptions { MaxFiles = 2 }));

        Assert.Equal(RunFileProblem.TooManyFiles, e.Problem);
    }

    [Fact]
    public void ReadPaths_DamagedFoldFile_RefusalNamesThatFile()
    {
        FoldRuns.Write(_dir.Path, folds: 3, steps: 10);
        var damaged = Directory.GetFiles(Path.Combine(_dir.Path, "fold_1"))[0];
        var bytes = File.ReadAllBytes(damaged);
        File.WriteAllBytes(damaged, bytes[..^3]);

        var e = Assert.Throws<RunFileRejectedException>(() => TrainingRunReader.ReadPaths([_dir.Path]));

        Assert.Equal((RunFileProblem.TruncatedRecord, Path.Combine(_dir.Path, "fold_1", Path.GetFileName(damaged))), (e.Problem, e.FileName));
    }

    [Theory]
    [InlineData("events.out.tfevents.1764547200.host.123.0", RunFileKind.TensorBoardEvents)]
    [InlineData("history.csv", RunFileKind.CsvHistory)]
    [InlineData("wandb-history.jsonl", RunFileKind.JsonHistory)]
    [InlineData("metrics.JSON", RunFileKind.JsonHistory)]
    [InlineData("config.yaml", RunFileKind.Unsupported)]
    public void KindOf_FileName_Kind(string name, RunFileKind kind)
    {
        Assert.Equal(kind, TrainingRunReader.KindOf(name));
    }
}
