using Microsoft.ML.OnnxRuntime;
using Portal.Inference.Onnx;
using Portal.Inference.Tests.Onnx;

namespace Portal.Benchmarks;

/// <summary>
/// The model the inference benchmarks run: <c>PORTAL_BENCH_MODEL</c>, else bench/data/bench-model-224.onnx
/// (ResNet-18 shaped, from tools/SampleModel/export_bench_model.py), else a small convolutional net built in
/// memory (<see cref="TestModels.SmallConvNet"/>) so the benchmarks always run. <c>PORTAL_BENCH_PROVIDER</c>
/// (cpu, cuda, auto; default cpu) picks where it runs.
/// </summary>
internal sealed class BenchModel : IDisposable
{
    public const int Side = 224;
    private const int FallbackClasses = 18;

    private BenchModel(LoadedModel loaded, byte[] bytes, string description)
    {
        Loaded = loaded;
        Bytes = bytes;
        Description = description;
    }

    /// <summary>The model file's bytes (what a participant uploads).</summary>
    public byte[] Bytes { get; }

    public LoadedModel Loaded { get; }

    public InferenceSession Session => Loaded.Session!;

    public ModelShape Shape => Loaded.Check.Shape!;

    /// <summary>Which model, and where it runs, for the console output.</summary>
    public string Description { get; }

    public static BenchModel Load()
    {
        var path = Environment.GetEnvironmentVariable("PORTAL_BENCH_MODEL") is { Length: > 0 } p ? p : BenchPaths.Data("bench-model-224.onnx");
        byte[] bytes;
        string description;
        if (File.Exists(path))
        {
            bytes = File.ReadAllBytes(path);
            description = path;
        }
        else
        {
            bytes = TestModels.SmallConvNet(FallbackClasses, Side, Side);
            description = $"small conv net built in memory ({path} not found)";
        }

        var classes = ClassCount(bytes);
        var provider = Environment.GetEnvironmentVariable("PORTAL_BENCH_PROVIDER") switch
        {
            "cuda" => ExecutionProviderChoice.Cuda,
            "auto" => ExecutionProviderChoice.Auto,
            _ => ExecutionProviderChoice.Cpu,
        };
        var loaded = LoadedModel.Load(bytes, classes, provider);
        if (!loaded.Check.Accepted)
        {
            loaded.Dispose();
            throw new InvalidOperationException($"The benchmark model was refused: {loaded.Check.Refusal}");
        }

        return new BenchModel(loaded, bytes, $"{description}, {classes} classes, on {loaded.Provider!.Used}");
    }

    public void Dispose() => Loaded.Dispose();

    private static int ClassCount(byte[] model)
    {
        using var session = new InferenceSession(model);
        return (int)session.OutputMetadata.First().Value.Dimensions[^1];
    }
}
