using System.Runtime.InteropServices;

namespace Portal.Inference.Onnx;

/// <summary>
/// Whether the CUDA libraries ONNX Runtime 1.31's CUDA provider needs can be loaded here (CUDA 13 and cuDNN 9, per
/// ONNX Runtime's CUDA execution provider requirements), and which are missing: what the Admin panel and a fallback to
/// the CPU say. Checked once per process; Linux only (elsewhere ONNX Runtime's own error is the reason).
/// </summary>
public static class CudaLibraries
{
    /// <summary>The shared libraries looked for, by soname.</summary>
    public static readonly IReadOnlyList<string> Required = ["libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcudnn.so.9"];

    private static readonly Lazy<IReadOnlyList<string>> MissingOnce = new(() => Probe());

    /// <summary>The required libraries the dynamic loader cannot find (empty where all load, and off Linux).</summary>
    public static IReadOnlyList<string> Missing => MissingOnce.Value;

    /// <summary>Whether a CUDA session can be tried at all: the build has the CUDA provider and its libraries load.</summary>
    public static bool Usable(IReadOnlyList<string> availableProviders) =>
        availableProviders.Contains("CUDAExecutionProvider") && Missing.Count == 0;

    private static List<string> Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var missing = new List<string>();
        foreach (var name in Required)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
            }
            else
            {
                missing.Add(name);
            }
        }

        return missing;
    }
}
