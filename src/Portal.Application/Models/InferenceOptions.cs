using Portal.Inference.Cache;
using Portal.Inference.Onnx;

namespace Portal.Application.Models;

/// <summary>The <c>Inference</c> section of appsettings.json: where and how uploaded models run.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>auto (CUDA when it loads, else CPU), cuda (the same, but a fallback is worth a warning) or cpu.</summary>
    public ExecutionProviderChoice Provider { get; set; } = ExecutionProviderChoice.Auto;

    /// <summary>Threads ONNX Runtime uses inside one operator; 0 lets it choose.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Images per model run (a model with a fixed batch dimension gets its own).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Largest accepted model file, in bytes.</summary>
    public long MaxModelBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Most model files in one submission (fold models soft-voted together).</summary>
    public int MaxModelsPerSubmission { get; set; } = 10;

    /// <summary>Model runs one worker runs at once; the other job slots stay free for CSV scoring.</summary>
    public int ConcurrentModelRuns { get; set; } = 1;

    /// <summary>How long one model run (all members, all views) may take before it is failed.</summary>
    public TimeSpan RunTimeLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The most memory one model run or upload check may use, in bytes (the sandboxed runner's limit: its address
    /// space on a CPU run, a memory cgroup where the machine offers one, and its resident memory watched by the worker).
    /// </summary>
    public long MaxRunMemory { get; set; } = 4L << 30;

    /// <summary>The most memory one upload check (a load of the model in the sandbox) may use, in bytes.</summary>
    public long MaxCheckMemory { get; set; } = 1L << 30;

    /// <summary>Upload checks that load a model at once (the others wait), so their memory is bounded in total.</summary>
    public int ConcurrentChecks { get; set; } = 2;

    /// <summary>How long the upload check of one model (a load in the sandbox) may take.</summary>
    public TimeSpan CheckTimeLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most disk, in bytes, the decoded-image cache of model runs may hold (12,600 images take width x height x 3
    /// bytes each: 458 MB at 96x128, 1.9 GB at 224x224, 7.4 GB at 384x512); least recently used sizes are evicted when
    /// a new one needs room, never one a run is using. 0 for no cap.
    /// </summary>
    public long MaxCacheBytes { get; set; } = 10L << 30;

    /// <summary>The decoded-image cache of model runs in <paramref name="folder"/>, under this options' cap.</summary>
    public DecodedImageCache DecodedImageCache(string folder, ImageDecoder? decoder = null) =>
        new(folder, decoder: decoder, maxBytes: MaxCacheBytes);

    /// <summary>The sandboxed runner (<c>Portal.Sandbox.dll</c>); empty means the one beside the app.</summary>
    public string RunnerPath { get; set; } = "";

    /// <summary>The folder of each sandboxed run's working directory and exchange files: <c>runs</c> under <paramref name="dataPath"/>.</summary>
    public static string RunsPath(string dataPath) => Path.Combine(dataPath, "runs");

    /// <summary>How often a running model's progress is pushed to the pages.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
