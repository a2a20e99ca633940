using System.Diagnostics;
using System.Globalization;
using Portal.Inference.Cache;
using Portal.Inference.Preprocessing;

namespace Portal.Benchmarks;

/// <summary>
/// (c) Cold decode: <c>cache-build [--count 12600] [--parallel 0] [--size 224]</c> draws the 384x512 JPEGs once
/// (bench/data/jpeg-384x512, not timed), deletes their cache file, then times decoding, resizing and writing all
/// of them into a fresh cache. A one-shot, so a plain stopwatch rather than BenchmarkDotNet; run it twice and
/// take the second (the JPEG files are then in the page cache, as they are on a server that just received them).
/// </summary>
internal static class ColdCacheBuild
{
    public static int Run(ConsoleArgs args)
    {
        var count = args.Integer("--count", 12_600);
        var parallel = args.Integer("--parallel", 0);
        var side = args.Integer("--size", BenchModel.Side);
        var generate = Stopwatch.StartNew();
        var paths = BenchImages.Ensure(count);
        Console.WriteLine($"JPEGs ready in {generate.Elapsed.TotalSeconds:F1} s ({count:N0} x {BenchImages.Width}x{BenchImages.Height} in {BenchImages.Folder})");

        var cache = new DecodedImageCache(BenchPaths.Data("cache"), parallel);
        var key = WarmCacheFixture.SetKey(count);
        Directory.CreateDirectory(cache.Folder);
        File.Delete(cache.PathFor(key, count, side, side, ResizeMode.Crop));
        PeakMemory.TryReset();
        var reported = 0;
        var progress = new Progress<int>(done => Interlocked.Exchange(ref reported, done));
        var clock = Stopwatch.StartNew();
        using var images = cache.Open(key, paths, side, side, ResizeMode.Crop, progress);
        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = new FileInfo(images.Path).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cache-build: {count:N0} images decoded to {side}x{side} in {seconds:F2} s = {count / seconds:N0} images/s on {cache.MaxDegreeOfParallelism} threads; "
            + $"{bytes / (1024.0 * 1024.0):N0} MiB written to {images.Path}; peak RSS {PeakMemory.Format(PeakMemory.PeakMiB())}"));
        File.WriteAllText(BenchPaths.Data("cache-build.json"), string.Create(CultureInfo.InvariantCulture,
            $"{{\"images\":{count},\"side\":{side},\"threads\":{cache.MaxDegreeOfParallelism},\"seconds\":{seconds:F3},\"imagesPerSecond\":{count / seconds:F1},\"peakRssMiB\":{PeakMemory.PeakMiB():F0}}}\n"));
        return 0;
    }
}
