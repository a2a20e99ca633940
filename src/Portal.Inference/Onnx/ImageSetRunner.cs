using Portal.Inference.Cache;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Onnx;

/// <summary>
/// Runs a model over an image set with test-time augmentation. Images come decoded at the size the views need
/// (from a <see cref="DecodedImages"/> cache, or decoded from their files batch by batch); every view is written
/// from those bytes by index map and lookup table straight into the model's input, and the work is double-buffered:
/// while the model runs one (batch, view), the next is read and normalised into the runner's other input slot.
/// The per-view probabilities are kept and merged at the end.
/// </summary>
public static class ImageSetRunner
{
    /// <summary>
    /// The load-and-run sequence every model run shares (the sandboxed runner, <c>portal infer</c>): a checked model,
    /// a runner of <paramref name="batchSize"/> images at the options' size, every view over <paramref name="images"/>
    /// (encoded images decoded as they run, or an opened <see cref="DecodedImages"/> cache), merged.
    /// </summary>
    /// <exception cref="ArgumentException">The model was refused, or does not take the options' size (the message says which).</exception>
    public static ImageSetRunResult Run(
        LoadedModel model,
        int batchSize,
        ImageSource images,
        PreprocessOptions options,
        IReadOnlyList<TtaView> views,
        MergeMode merge,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (model.Session is null || model.Check.Shape is not { } shape)
        {
            throw new ArgumentException($"The model was refused: {model.Check.Refusal}", nameof(model));
        }

        if (shape.SizeProblem(options.Width, options.Height) is { } sizeProblem)
        {
            throw new ArgumentException(sizeProblem, nameof(options));
        }

        using var runner = new ModelRunner(model.Session, shape, options.Height, options.Width, batchSize, ownsSession: false);
        return images.Cache is { } cache
            ? Run(runner, cache, options, views, merge, progress, cancellationToken)
            : Run(runner, images.Encoded!, options, views, merge, progress, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="runner"/> over <paramref name="images"/> (image files: <see cref="EncodedImages.FromFiles"/>),
    /// reading and decoding each batch once (in parallel) and keeping nothing; <paramref name="progress"/> gets the images done.
    /// </summary>
    /// <exception cref="InvalidDataException">An image cannot be read or decoded; the message names it.</exception>
    public static ImageSetRunResult Run(
        ModelRunner runner,
        EncodedImages images,
        PreprocessOptions options,
        IReadOnlyList<TtaView> views,
        MergeMode merge,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);
        var (width, height) = TtaViews.BaseSize(views, options.Width, options.Height);
        return Run(runner, new EncodedImageSource(images, width, height, options.Resize), options, views, merge, progress, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="runner"/> over the cached <paramref name="images"/> (opened for these views, see
    /// <see cref="DecodedImageCache.Open(string, IReadOnlyList{string}, PreprocessOptions, IReadOnlyList{TtaView}, IProgress{int}?, CancellationToken)"/>);
    /// <paramref name="progress"/> gets the images done, and cancellation is checked between batches.
    /// </summary>
    public static ImageSetRunResult Run(
        ModelRunner runner,
        DecodedImages images,
        PreprocessOptions options,
        IReadOnlyList<TtaView> views,
        MergeMode merge,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Run(runner, (IImageBatchSource)images, options, views, merge, progress, cancellationToken);
    }

    private static ImageSetRunResult Run(
        ModelRunner runner,
        IImageBatchSource images,
        PreprocessOptions options,
        IReadOnlyList<TtaView> views,
        MergeMode merge,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
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

        if (options.Width != runner.Width || options.Height != runner.Height)
        {
            throw new ArgumentException($"The options' size {options.Width}x{options.Height} is not the runner's {runner.Width}x{runner.Height}.", nameof(options));
        }

        var (baseWidth, baseHeight) = TtaViews.BaseSize(views, options.Width, options.Height);
        if (images.Width != baseWidth || images.Height != baseHeight)
        {
            throw new ArgumentException(
                $"These views need the images decoded at {baseWidth}x{baseHeight}, not {images.Width}x{images.Height}: open the cache for the views.", nameof(images));
        }

        var writers = views.Select(v => new ViewWriter(v, options, baseWidth, baseHeight)).ToArray();
        var pipeline = new RunPipeline(runner, images, writers, cancellationToken);
        var perView = pipeline.Run(progress);
        var merged = views.Count == 1 ? perView[0] : TtaMerger.Merge(perView, runner.Shape.Classes, merge);
        return new ImageSetRunResult(views, perView, merged, runner.Shape.Classes);
    }
}
