using System.Diagnostics;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Sandbox;
using Portal.Inference.Tests.Onnx;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tests.Support;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Sandbox;

/// <summary>
/// The sandboxed runner as a hostile participant meets it: the real Portal.Sandbox process (built beside the tests),
/// with small limits so the traps spring in seconds.
/// </summary>
public sealed class ModelSandboxTests : IDisposable
{
    private const int Classes = 18;
    private const int Side = 16;
    private const int ImageCount = 10;
    private const long SmallLimit = 512L << 20;

    private readonly TempFolder _dir = new();
    private readonly List<ModelSandbox> _sandboxes = [];
    private readonly PreprocessOptions _options = new() { Width = Side, Height = Side };
    private readonly string[] _paths;

    public ModelSandboxTests()
    {
        _paths = Enumerable.Range(0, ImageCount).Select(i =>
        {
            var path = _dir.File($"img{i}.png");
            File.WriteAllBytes(path, TestImages.Png(20, 18, (x, y) => ((byte)(x * 12), (byte)(y * 14), (byte)((i * 20) + x + y))));
            return path;
        }).ToArray();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _sandboxes.ForEach(s => s.Dispose());
        _dir.Dispose();
    }

    [Fact]
    public async Task Check_OrdinaryModel_ReportsItsShape()
    {
        var shape = await Sandbox().CheckAsync(Ordinary(), Classes, Ct);

        Assert.Equal(Classes, shape.Classes);
        Assert.Equal("input", shape.InputName);
    }

    [Fact]
    public async Task Check_WrongClassCount_RefusedWithTheSentence()
    {
        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() => Sandbox().CheckAsync(Ordinary(), 5, Ct));

        Assert.Equal(ModelRunFailure.Refused, e.Failure);
        Assert.Contains("this competition has 5 classes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExternalDataNamingAFileBesideTheRunner_Refused()
    {
        // Even a file that exists where the runner starts (its working directory) is never read.
        var sandbox = Sandbox();
        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() =>
            sandbox.CheckAsync(HostileModels.ExternalInitializer(Classes, "Portal.Sandbox.dll"), Classes, Ct));

        Assert.Equal(ModelRunFailure.Refused, e.Failure);
        Assert.Contains("separate file", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConstantOfShapeOfBillionsOfFloats_PassesTheCheckThenFailsForMemory()
    {
        // The 389-byte model: a ConstantOfShape of 1.5e9 floats (6 GB). ONNX Runtime never folds
        // ConstantOfShape at load, so the upload check accepts it and the run's limit must stop it.
        var model = HostileModels.ConstantShapeAllocationBomb(Classes, 1_500_000_000);
        using var images = Cache(Views("none"));
        var sandbox = Sandbox();
        _ = await sandbox.CheckAsync(model, Classes, Ct);

        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() => sandbox.RunAsync(model, Run(images, "none"), null, Ct));

        Assert.Equal(ModelRunFailure.MemoryLimit, e.Failure);
        Assert.Contains("512 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SparseInitializerOfGigabytes_RefusedForTheChecksMemoryLimit()
    {
        var sandbox = Sandbox(new SandboxOptions { WorkFolder = _dir.File("runs"), CheckMemoryLimitBytes = 256L << 20 });

        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() =>
            sandbox.CheckAsync(HostileModels.SparseInitializerBomb(Classes, 300_000_000), Classes, Ct));

        Assert.Equal(ModelRunFailure.MemoryLimit, e.Failure);
        Assert.Equal("The model needed more memory than an upload check may use: more than 256 MiB.", e.Message);
    }

    [Fact]
    public async Task Check_ManyAtOnce_LoadAtMostTheConfiguredNumberAtATime()
    {
        var sandbox = Sandbox(new SandboxOptions { WorkFolder = _dir.File("runs"), MaxConcurrentChecks = 1 });
        var peak = 0;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                peak = Math.Max(peak, RunnerProcesses.Under(sandbox.Options.WorkFolder).Count);
                await Task.Delay(10, CancellationToken.None);
            }
        }, Ct);

        var shapes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sandbox.CheckAsync(Ordinary(), Classes, Ct)));
        await watching.CancelAsync();
        await watch;

        Assert.All(shapes, s => Assert.Equal(Classes, s.Classes));
        Assert.Equal(1, peak);
    }

    [Fact]
    public async Task Run_ModelThatOutputsNaN_FailsNamingTheFirstImage()
    {
        using var images = Cache(Views("none"));

        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() =>
            Sandbox().RunAsync(HostileModels.NaNScores(Classes), Run(images, "none"), null, Ct));

        Assert.Equal(ModelRunFailure.Failed, e.Failure);
        Assert.Equal(0, e.FailedAtImage);
        Assert.Contains("NaN or infinite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OrdinaryModel_EqualsTheInProcessRun()
    {
        Assert.True(TtaPlan.TryGetViews("hflip", Side, Side, out var views, out _));
        using var images = Cache(views);
        using var loaded = LoadedModel.Load(Ordinary(), Classes, ExecutionProviderChoice.Cpu);
        using var runner = new ModelRunner(loaded.Session!, loaded.Check.Shape!, Side, Side, batchSize: 4, ownsSession: false);
        var expected = ImageSetRunner.Run(runner, images, _options, views, MergeMode.Mean, cancellationToken: Ct);
        var done = new List<int>();

        var result = await Sandbox().RunAsync(Ordinary(), Run(images, "hflip"), new SyncProgress(done.Add), Ct);

        Assert.Equal(["identity", "hflip"], result.Views);
        Assert.Equal(expected.PerView[0], result.PerView[0]);
        Assert.Equal(expected.PerView[1], result.PerView[1]);
        Assert.Equal(expected.Merged, result.Merged);
        Assert.Equal(ExecutionProviderChoice.Cpu, result.Provider.Used);
        Assert.Equal(ImageCount, done.Last());
    }

    [Fact]
    public async Task Run_LoopBombCancelled_StopsWithinSecondsAndTheNextRunWorks()
    {
        using var images = Cache(Views("none"));
        var sandbox = Sandbox();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sandbox.RunAsync(HostileModels.LoopBomb(Classes), Run(images, "none"), null, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 5), $"The run outlived its cancel: {clock.Elapsed}.");
        // Only the spare waits: the cancelled runner has ended.
        Assert.Empty(RunnerProcesses.Under(sandbox.Options.WorkFolder));
        var next = await sandbox.RunAsync(Ordinary(), Run(images, "none"), null, Ct);
        Assert.Equal(ImageCount * Classes, next.Merged.Length);
    }

    [Fact]
    public async Task Run_LoopBombThatIgnoresTerminate_IsKilledAfterTheGrace()
    {
        // A runner that cannot even read its cancel line (stopped with SIGSTOP) is killed after the grace period.
        using var images = Cache(Views("none"));
        var sandbox = Sandbox();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = sandbox.RunAsync(HostileModels.LoopBomb(Classes), Run(images, "none"), null, cancel.Token);
        var pid = await RunnerProcesses.WaitForOneAsync(sandbox.Options.WorkFolder, Ct);
        using (var stop = Process.Start("kill", ["-STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync(Ct);
        }

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The run outlived its cancel: {clock.Elapsed}.");
    }

    [Fact]
    public async Task Run_AllocationBomb_FailsForMemoryWithTheLimitNamed()
    {
        using var images = Cache(Views("none"));

        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() =>
            Sandbox().RunAsync(HostileModels.AllocationBomb(Classes, 500_000_000), Run(images, "none"), null, Ct));

        Assert.Equal(ModelRunFailure.MemoryLimit, e.Failure);
        Assert.Equal("The model needed more memory than a run may use: more than 512 MiB.", e.Message);
    }

    [Fact]
    public async Task Run_RunnerKilledFromOutside_FailsWithAReason()
    {
        using var images = Cache(Views("none"));
        var sandbox = Sandbox();
        var run = sandbox.RunAsync(HostileModels.LoopBomb(Classes), Run(images, "none"), null, Ct);
        var pid = await RunnerProcesses.WaitForOneAsync(sandbox.Options.WorkFolder, Ct);

        Process.GetProcessById(pid).Kill();

        var e = await Assert.ThrowsAsync<ModelRunFailedException>(() => run);
        Assert.Equal(ModelRunFailure.Crashed, e.Failure);
        Assert.Contains("signal 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_OneAfterAnother_EachGetsAFreshRunnerAndASpareWaits()
    {
        using var images = Cache(Views("none"));
        var sandbox = Sandbox();

        var first = await sandbox.RunAsync(Ordinary(), Run(images, "none"), null, Ct);
        var second = await sandbox.RunAsync(Ordinary(), Run(images, "none"), null, Ct);

        Assert.Equal(first.Merged, second.Merged);
        // The spare (no request yet) is the only runner left; the used ones ended and their folders are gone.
        Assert.Single(Directory.GetDirectories(sandbox.Options.WorkFolder));
        Assert.Empty(RunnerProcesses.Under(sandbox.Options.WorkFolder));
    }

    [Fact]
    public async Task SweepLeftovers_KeepsFoldersOfLiveRunnersAndDeletesAKilledWorkersOnes()
    {
        var sandbox = Sandbox();
        _ = await sandbox.CheckAsync(Ordinary(), Classes, Ct);
        var spare = Assert.Single(Directory.GetDirectories(sandbox.Options.WorkFolder));
        // What a worker killed mid-run leaves: a run folder with its lock file, held by nobody.
        var left = Path.Combine(sandbox.Options.WorkFolder, "left-by-a-killed-worker");
        Directory.CreateDirectory(Path.Combine(left, "io"));
        await File.WriteAllTextAsync(Path.Combine(left, "lock"), "", Ct);
        await File.WriteAllBytesAsync(Path.Combine(left, "io", "model.onnx"), Ordinary(), Ct);

        var swept = Sandbox(sandbox.Options).SweepLeftovers();

        Assert.Equal(1, swept);
        Assert.False(Directory.Exists(left));
        Assert.True(Directory.Exists(spare));
    }

    [Fact]
    public async Task Runner_AfterWarmUpAndACheck_ItsWorkingDirectoryIsStillEmpty()
    {
        // What .NET and ONNX Runtime write for themselves goes to the runner's home, never where a model's relative path points.
        var sandbox = Sandbox();
        _ = await sandbox.CheckAsync(Ordinary(), Classes, Ct);
        var spare = Assert.Single(Directory.GetDirectories(sandbox.Options.WorkFolder));
        // ONNX Runtime's managed library keeps a cache under the home folder: wait until the spare's warm-up wrote it.
        for (var i = 0; i < 100 && Directory.GetFileSystemEntries(Path.Combine(spare, "home")).Length == 0; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.NotEmpty(Directory.GetFileSystemEntries(Path.Combine(spare, "home")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(spare, "work")));
    }

    [Fact]
    public async Task Run_RunnerMissing_IsTheServersFault()
    {
        using var images = Cache(Views("none"));
        var missing = Sandbox(new SandboxOptions { WorkFolder = _dir.File("runs"), RunnerPath = _dir.File("nowhere.dll") });

        await Assert.ThrowsAsync<SandboxUnavailableException>(() => missing.RunAsync(Ordinary(), Run(images, "none"), null, Ct));
    }

    private ModelSandbox Sandbox(SandboxOptions? options = null)
    {
        var sandbox = new ModelSandbox(options ?? new SandboxOptions { WorkFolder = _dir.File("runs"), MemoryLimitBytes = SmallLimit });
        _sandboxes.Add(sandbox);
        return sandbox;
    }

    private static byte[] Ordinary() => HostileModels.LoopBomb(Classes, iterations: 3);

    private static IReadOnlyList<TtaView> Views(string preset)
    {
        Assert.True(TtaPlan.TryGetViews(preset, Side, Side, out var views, out _));
        return views;
    }

    private DecodedImages Cache(IReadOnlyList<TtaView> views) =>
        new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, views, cancellationToken: Ct);

    private SandboxRun Run(DecodedImages images, string tta) =>
        new(images.Path, ImageCount, Classes, _options, tta, "mean", ExecutionProviderChoice.Cpu, BatchSize: 4, IntraOpThreads: 1);

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
