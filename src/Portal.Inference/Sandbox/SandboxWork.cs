using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Tta;

namespace Portal.Inference.Sandbox;

/// <summary>
/// What the sandboxed runner does with a request, inside its own process: load the model (the same checks as
/// everywhere), and for a run, read the images from the shared decoded-image cache, run every TTA view and write the
/// probabilities. Every way it can end becomes a <see cref="SandboxReply"/> with a participant's sentence; ONNX
/// Runtime's own text goes to <see cref="SandboxReply.Detail"/> only.
/// </summary>
public static class SandboxWork
{
    /// <summary>Carries out <paramref name="request"/>; <paramref name="progress"/> gets the images done.</summary>
    public static SandboxReply Execute(SandboxRequest request, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return Load(request, progress, cancellationToken);
        }
        catch (OutOfMemoryException e)
        {
            return new SandboxReply { Outcome = SandboxOutcome.OutOfMemory, Message = OnnxRuntimeErrors.MemorySentence + ".", Detail = e.Message };
        }
    }

    private static SandboxReply Load(SandboxRequest request, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var bytes = File.ReadAllBytes(request.ModelPath);
        var provider = request.Command == SandboxCommand.Check ? ExecutionProviderChoice.Cpu : request.Provider;
        using var loaded = LoadedModel.Load(bytes, request.ClassCount, provider, request.IntraOpThreads, request.Heads(), request.Head);
        if (!loaded.Check.Accepted)
        {
            var outcome = OnnxRuntimeErrors.IsOutOfMemory(loaded.Check.Detail) ? SandboxOutcome.OutOfMemory : SandboxOutcome.Refused;
            return new SandboxReply { Outcome = outcome, Message = loaded.Check.Refusal, Detail = loaded.Check.Detail, Provider = loaded.Provider };
        }

        var shape = loaded.Check.Shape!;
        if (request.Command == SandboxCommand.Check)
        {
            return new SandboxReply { Outcome = SandboxOutcome.Succeeded, Shape = shape, Provider = loaded.Provider };
        }

        return Run(request, loaded, progress, cancellationToken) with { Shape = shape, Provider = loaded.Provider };
    }

    private static SandboxReply Run(SandboxRequest request, LoadedModel loaded, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var preprocess = request.Preprocess ?? throw new ArgumentException("A run needs its preprocessing.", nameof(request));
        if (!TtaPlan.TryGetViews(request.Tta, preprocess.Width, preprocess.Height, out var views, out var ttaProblem))
        {
            return new SandboxReply { Outcome = SandboxOutcome.Refused, Message = ttaProblem };
        }

        if (!TtaMerger.TryParse(request.Merge, out var merge))
        {
            return new SandboxReply { Outcome = SandboxOutcome.Refused, Message = $"'{request.Merge}' is not a TTA merge." };
        }

        if (loaded.Check.Shape!.SizeProblem(preprocess.Width, preprocess.Height) is { } sizeProblem)
        {
            return new SandboxReply { Outcome = SandboxOutcome.Refused, Message = sizeProblem };
        }

        using var images = DecodedImages.OpenExisting(request.CachePath ?? throw new ArgumentException("A run needs its images.", nameof(request)));
        var done = new DoneCounter(progress);
        ImageSetRunResult result;
        try
        {
            result = ImageSetRunner.Run(loaded, request.BatchSize, ImageSource.FromCache(images), preprocess, views, merge, done, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new SandboxReply { Outcome = SandboxOutcome.Stopped, Message = "The run was stopped." };
        }
        catch (OnnxRuntimeException e)
        {
            var outcome = OnnxRuntimeErrors.IsOutOfMemory(e.Message) ? SandboxOutcome.OutOfMemory : SandboxOutcome.ModelFailed;
            return new SandboxReply { Outcome = outcome, Message = OnnxRuntimeErrors.RunFailure(e.Message), Detail = e.Message, FailedAtImage = done.Done };
        }

        if (FirstNonFinite(result) is { } image)
        {
            // A probabilities file with NaN is refused at upload; a model's output is held to the same rule.
            return new SandboxReply
            {
                Outcome = SandboxOutcome.ModelFailed,
                Message = "its output holds NaN or infinite values, which cannot be scored. Look for a division by zero or the log of zero in the model.",
                FailedAtImage = image,
            };
        }

        WriteProbabilities(request.ProbabilitiesPath ?? throw new ArgumentException("A run needs a place for its probabilities.", nameof(request)), result);
        return new SandboxReply { Outcome = SandboxOutcome.Succeeded, Views = result.Views.Select(TtaViews.Name).ToList() };
    }

    /// <summary>The first image with a NaN or infinite probability in any view, or null.</summary>
    private static int? FirstNonFinite(ImageSetRunResult result)
    {
        var first = int.MaxValue;
        foreach (var values in result.PerView.Append(result.Merged))
        {
            for (var i = 0; i < values.Length && i / result.Classes < first; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    first = i / result.Classes;
                }
            }
        }

        return first == int.MaxValue ? null : first;
    }

    /// <summary>Each view's probabilities, then the merged ones, as float32 little-endian, flushed before the reply says so.</summary>
    private static void WriteProbabilities(string path, ImageSetRunResult result)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        foreach (var view in result.PerView.Append(result.Merged))
        {
            file.Write(MemoryMarshal.AsBytes(view.AsSpan()));
        }

        file.Flush(flushToDisk: true);
    }

    /// <summary>Remembers the images done, so a failure can name the batch it happened in.</summary>
    private sealed class DoneCounter(IProgress<int>? inner) : IProgress<int>
    {
        public int Done { get; private set; }

        public void Report(int value)
        {
            Done = value;
            inner?.Report(value);
        }
    }
}
