using Microsoft.ML.OnnxRuntime;
using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Inference.Onnx;

/// <summary>
/// Runs one checked model batch by batch through the <see cref="OrtValue"/> API over buffers allocated once, and
/// turns its outputs into probabilities (softmax, unless every row already is a distribution; a model with attribute
/// heads has each head made probabilities and the heads combined into the classes by <see cref="AttributeHeads"/>).
/// It has two input slots, so one batch can be written while the model runs the other (double buffering); the
/// second is allocated on first use. Not thread-safe beyond that: one runner per concurrent run.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    /// <summary>Input slots: the one being written and the one being run.</summary>
    public const int InputSlots = 2;

    private readonly float[]?[] _inputs = new float[InputSlots][];
    private readonly OrtValue?[] _fullInputs = new OrtValue[InputSlots];
    private readonly float[] _output;
    private readonly OrtValue _fullOutput;
    private readonly AttributeHeads? _heads;
    private readonly float[][] _headOutputs = [];
    private readonly OrtValue[] _fullHeadOutputs = [];
    private readonly bool _ownsSession;

    /// <param name="session">A session whose model passed <see cref="ModelCheck.Inspect"/>.</param>
    /// <param name="shape">What the check found.</param>
    /// <param name="height">The input height (the model's, when it fixes one).</param>
    /// <param name="width">The input width (the model's, when it fixes one).</param>
    /// <param name="batchSize">Images per run; a model with a fixed batch dimension gets that size instead.</param>
    /// <param name="ownsSession">Whether disposing the runner disposes the session.</param>
    public ModelRunner(InferenceSession session, ModelShape shape, int height, int width, int batchSize, bool ownsSession = true)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _session = session;
        _ownsSession = ownsSession;
        Shape = shape;
        Height = height;
        Width = width;
        BatchSize = shape.Batch ?? batchSize;
        _inputNames = [shape.InputName];
        _outputNames = shape.HasHeads ? shape.HeadOutputs.ToArray() : [shape.OutputName];
        _ = Slot(0);
        _output = new float[BatchSize * shape.Classes];
        _fullOutput = OrtValue.CreateTensorValueFromMemory(_output, [BatchSize, shape.Classes]);
        if (shape.HasHeads)
        {
            _heads = new AttributeHeads(shape.HeadSizes, shape.HeadNames.Count == shape.HeadSizes.Count ? shape.HeadNames : null);
            _headOutputs = shape.HeadSizes.Select(size => new float[BatchSize * size]).ToArray();
            _fullHeadOutputs = _headOutputs.Select((h, a) => OrtValue.CreateTensorValueFromMemory(h, [BatchSize, shape.HeadSizes[a]])).ToArray();
        }
    }

    public ModelShape Shape { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>The most images one <see cref="Run"/> takes.</summary>
    public int BatchSize { get; }

    /// <summary>Floats per image in <see cref="InputBuffer"/>: 3 x H x W.</summary>
    public int ImageLength => 3 * Height * Width;

    /// <summary>The NCHW input of the next run: write image i at <c>i * ImageLength</c>.</summary>
    public Span<float> InputBuffer => Slot(0);

    /// <summary>The NCHW input of slot <paramref name="slot"/> (0 is <see cref="InputBuffer"/>), to write from another thread while the other slot runs.</summary>
    public Memory<float> Input(int slot) => Slot(slot);

    /// <summary>
    /// Runs the first <paramref name="count"/> images of <see cref="InputBuffer"/> and returns their probabilities,
    /// row-major <c>[count, classes]</c>; the span is overwritten by the next run.
    /// </summary>
    public ReadOnlySpan<float> Run(int count) => Run(count, 0);

    /// <summary>Runs the first <paramref name="count"/> images of input slot <paramref name="slot"/>; as <see cref="Run(int)"/>.</summary>
    public ReadOnlySpan<float> Run(int count, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var input = Slot(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BatchSize);
        var classes = Shape.Classes;
        if (_heads is not null)
        {
            return RunHeads(count, slot, input);
        }

        if (count == BatchSize || Shape.Batch is not null)
        {
            // A fixed-batch model always gets a full batch; the rows past count are stale and ignored.
            _session.Run(_runOptions, _inputNames, [_fullInputs[slot]!], _outputNames, [_fullOutput]);
        }
        else
        {
            using var partial = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * ImageLength), [count, 3, Height, Width]);
            using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, count * classes), [count, classes]);
            _session.Run(_runOptions, _inputNames, [partial], _outputNames, [output]);
        }

        var scores = _output.AsSpan(0, count * classes);
        ScoreRows.ToProbabilities(scores, classes);
        return scores;
    }

    /// <summary>Runs an attribute-head model: each head's output into its own buffer, then the heads combined into the classes.</summary>
    private ReadOnlySpan<float> RunHeads(int count, int slot, float[] input)
    {
        if (count == BatchSize || Shape.Batch is not null)
        {
            _session.Run(_runOptions, _inputNames, [_fullInputs[slot]!], _outputNames, _fullHeadOutputs);
        }
        else
        {
            using var partial = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * ImageLength), [count, 3, Height, Width]);
            var outputs = _headOutputs.Select((h, a) =>
                OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, h.AsMemory(0, count * Shape.HeadSizes[a]), [count, Shape.HeadSizes[a]])).ToArray();
            try
            {
                _session.Run(_runOptions, _inputNames, [partial], _outputNames, outputs);
            }
            finally
            {
                foreach (var output in outputs)
                {
                    output.Dispose();
                }
            }
        }

        var scores = _output.AsSpan(0, count * Shape.Classes);
        _heads!.Combine(_headOutputs, count, scores);
        return scores;
    }

    private float[] Slot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, InputSlots);
        if (_inputs[slot] is { } existing)
        {
            return existing;
        }

        var input = new float[BatchSize * ImageLength];
        _fullInputs[slot] = OrtValue.CreateTensorValueFromMemory(input, [BatchSize, 3, Height, Width]);
        _inputs[slot] = input;
        return input;
    }

    /// <summary>
    /// Tells ONNX Runtime to stop the batch in progress (<c>RunOptions.Terminate</c>), from any thread: the running
    /// <see cref="Run(int, int)"/> throws within one operator, even inside a Loop. The runner cannot run again after it.
    /// </summary>
    public void Terminate() => _runOptions.Terminate = true;

    /// <summary>Whether every row is non-negative and sums to 1 (within 1e-3): the model already ends in a softmax (<see cref="ScoreRows.AreDistributions"/>).</summary>
    public static bool AreDistributions(ReadOnlySpan<float> scores, int classes) => ScoreRows.AreDistributions(scores, classes);

    /// <summary>Replaces logits by their softmax, in place (<see cref="ScoreRows.Softmax"/>).</summary>
    public static void Softmax(Span<float> row) => ScoreRows.Softmax(row);

    public void Dispose()
    {
        foreach (var value in _fullInputs)
        {
            value?.Dispose();
        }

        _fullOutput.Dispose();
        foreach (var value in _fullHeadOutputs)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }
}
