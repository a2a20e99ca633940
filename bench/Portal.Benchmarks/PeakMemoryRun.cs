using System.Diagnostics;
using System.Globalization;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// (d) Peak memory of a whole run: <c>peak-memory [--count 12600] [--tta none] [--batch 32]</c> opens the cache
/// of the benchmark JPEGs at 224x224 (building it when missing; run cache-build first so the build's own peak is
/// not counted, or rely on the peak reset), runs the model over every image and reports the process's peak
/// resident memory, which should stay about model + two input batches + results, not the 1.9 GB cache file.
/// </summary>
internal static class PeakMemoryRun
{
    public static int Run(ConsoleArgs args)
    {
        var count = args.Integer("--count", 12_600);
        var tta = args.Text("--tta", "none");
        var batch = args.Integer("--batch", BenchSettings.Batch);
        var side = BenchModel.Side;
        if (!TtaPlan.TryGetViews(tta, side, side, out var views, out var problem))
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        var paths = BenchImages.Ensure(count);
        var options = new PreprocessOptions { Width = side, Height = side, Resize = ResizeMode.Crop };
        using var images = new DecodedImageCache(BenchPaths.Data("cache")).Open(WarmCacheFixture.SetKey(count), paths, options, views);
        using var model = BenchModel.Load();
        using var runner = new ModelRunner(model.Session, model.Shape, side, side, batch, ownsSession: false);
        var baseline = PeakMemory.CurrentMiB();
        var reset = PeakMemory.TryReset();
        Console.WriteLine($"model: {model.Description}; cache {images.Path} ({(images.Built ? "built now" : "warm")}); resident before the run {PeakMemory.Format(baseline)}"
            + (reset ? "; peak reset" : "; peak could not be reset, so it includes the setup"));

        var clock = Stopwatch.StartNew();
        var result = ImageSetRunner.Run(runner, images, options, views, MergeMode.Mean);
        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakMemory.PeakMiB();
        var fileMiB = new FileInfo(images.Path).Length / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak-memory: {count:N0} images x {views.Count} view(s) in {seconds:F2} s = {count * views.Count / seconds:N1} images/s; "
            + $"peak RSS {PeakMemory.Format(peak)} (cache file {fileMiB:N0} MiB, results {result.Merged.Length * sizeof(float) * (views.Count + 1) / (1024.0 * 1024.0):N1} MiB)"));
        File.WriteAllText(BenchPaths.Data("peak-memory.json"), string.Create(CultureInfo.InvariantCulture,
            $"{{\"images\":{count},\"views\":{views.Count},\"batch\":{batch},\"seconds\":{seconds:F3},\"peakRssMiB\":{peak:F0},\"cacheFileMiB\":{fileMiB:F0}}}\n"));
        return 0;
    }
}
