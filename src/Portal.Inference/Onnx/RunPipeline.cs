using Portal.Inference.Cache;
using Portal.Inference.Tta;

namespace Portal.Inference.Onnx;

/// <summary>
/// The double-buffered loop of <see cref="ImageSetRunner"/>: the steps are (batch, view) pairs in order; step k
/// runs on the model from input slot k mod 2 while a worker prepares step k + 1 in the other slot (reading the
/// batch's pixels at its first view, then normalising every image in parallel). The model never waits for
/// preprocessing unless preprocessing is the slower of the two.
/// </summary>
internal sealed class RunPipeline
{
    // Threads that normalise a batch while the model runs the other: a quarter of the cores, 1 to 4. Writing a
    // view costs about 0.1 ms per 224x224 image per thread, so even one thread keeps ahead of ResNet-18 on a CPU,
    // and four keep ahead of it on a GPU; more would only take cores from ONNX Runtime's own threads on a CPU.
    private const int CoresPerPrepareThread = 4;
    private const int MaxPrepareThreads = 4;

    private readonly ModelRunner _runner;
    private readonly IImageBatchSource _images;
    private readonly ViewWriter[] _writers;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _pixels;
    private readonly int _imageBytes;
    private readonly ParallelOptions _parallel;

    public RunPipeline(ModelRunner runner, IImageBatchSource images, ViewWriter[] writers, CancellationToken cancellationToken)
    {
        _runner = runner;
        _images = images;
        _writers = writers;
        _cancellationToken = cancellationToken;
        _imageBytes = writers[0].BaseImageBytes;
        // One batch of cached pixels: a batch's later views are prepared after its first, and the next batch's
        // pixels are only read once every view of this one has been written.
        _pixels = new byte[runner.BatchSize * _imageBytes];
        _parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount / CoresPerPrepareThread, 1, MaxPrepareThreads),
        };
    }

    private int Steps => Batches * _writers.Length;

    private int Batches => (_images.Count + _runner.BatchSize - 1) / _runner.BatchSize;

    /// <summary>Runs every step; the probabilities of each view, row-major [images, classes].</summary>
    public float[][] Run(IProgress<int>? progress)
    {
        var classes = _runner.Shape.Classes;
        var perView = _writers.Select(_ => new float[_images.Count * classes]).ToArray();
        // Both slots exist before any worker touches them.
        for (var slot = 0; slot < ModelRunner.InputSlots; slot++)
        {
            _ = _runner.Input(slot);
        }

        // Cancellation reaches a batch in progress too: ONNX Runtime stops between two operators.
        using var terminate = _cancellationToken.Register(_runner.Terminate);
        Prepare(0, 0);
        for (var step = 0; step < Steps; step++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var slot = step % ModelRunner.InputSlots;
            var (nextStep, nextSlot) = (step + 1, (slot + 1) % ModelRunner.InputSlots);
            var next = nextStep < Steps ? Task.Run(() => Prepare(nextStep, nextSlot), _cancellationToken) : null;
            try
            {
                var (batch, view) = (step / _writers.Length, step % _writers.Length);
                var first = batch * _runner.BatchSize;
                var count = Math.Min(_runner.BatchSize, _images.Count - first);
                try
                {
                    _runner.Run(count, slot).CopyTo(perView[view].AsSpan(first * classes, count * classes));
                }
                catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (_cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(_cancellationToken);
                }

                if (view == _writers.Length - 1)
                {
                    progress?.Report(first + count);
                }
            }
            catch
            {
                // The worker writes into the runner's buffers: let it finish before they can be released.
                try
                {
                    next?.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The first failure is the one to report.
                }

                throw;
            }

            next?.GetAwaiter().GetResult();
        }

        return perView;
    }

    private void Prepare(int step, int slot)
    {
        var (batch, view) = (step / _writers.Length, step % _writers.Length);
        var first = batch * _runner.BatchSize;
        var count = Math.Min(_runner.BatchSize, _images.Count - first);
        if (view == 0)
        {
            _images.Read(first, count, _pixels, _cancellationToken);
        }

        var writer = _writers[view];
        var input = _runner.Input(slot);
        var length = _runner.ImageLength;
        Parallel.For(0, count, _parallel, i => writer.Write(_pixels.AsSpan(i * _imageBytes, _imageBytes), input.Span.Slice(i * length, length)));
    }
}
