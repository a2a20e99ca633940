using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Onnx;

/// <summary>
/// Runs a model over image files with test-time augmentation: each batch of images is decoded and resized once
/// (in parallel), every view is made from those pixels by index permutation, normalised into the runner's input
/// buffer and run; the per-view probabilities are merged at the end.
/// </summary>
public static class ImageSetRunner
{
    /// <summary>Runs <paramref name="runner"/> over <paramref name="paths"/>; <paramref name="progress"/> gets the images done.</summary>
    /// <exception cref="InvalidDataException">An image cannot be decoded; the message names it.</exception>
    public static ImageSetRunResult Run(
        ModelRunner runner,
        IReadOnlyList<string> paths,
        PreprocessOptions options,
        IReadOnlyList<TtaView> views,
        MergeMode merge,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0)
        {
            throw new ArgumentException("There must be at least one view.", nameof(views));
        }

        if (options.Width != options.Height && views.Any(TtaViews.SwapsSides))
        {
            throw new ArgumentException("Quarter turns and diagonal mirrors need a square input size.", nameof(views));
        }

        var writer = new TensorWriter(options);
        var classes = runner.Shape.Classes;
        var perView = views.Select(_ => new float[paths.Count * classes]).ToArray();
        var decoded = new PixelImage[runner.BatchSize];
        // Each view is an index permutation applied while normalising: no view is materialised, no image decoded twice.
        var permutations = views.Select(v => v == TtaView.Identity ? null : TtaViews.Permutation(v, options.Width, options.Height)).ToArray();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        for (var start = 0; start < paths.Count; start += runner.BatchSize)
        {
            var count = Math.Min(runner.BatchSize, paths.Count - start);
            var first = start;
            Parallel.For(0, count, parallel, i => decoded[i] = ImageLoader.Load(paths[first + i], options));
            for (var v = 0; v < views.Count; v++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < count; i++)
                {
                    writer.Write(decoded[i], permutations[v], runner.InputBuffer.Slice(i * runner.ImageLength, runner.ImageLength));
                }

                runner.Run(count).CopyTo(perView[v].AsSpan(start * classes, count * classes));
            }

            progress?.Report(start + count);
        }

        var merged = views.Count == 1 ? perView[0] : TtaMerger.Merge(perView, classes, merge);
        return new ImageSetRunResult(views, perView, merged, classes);
    }
}
