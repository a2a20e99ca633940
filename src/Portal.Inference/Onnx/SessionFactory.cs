using Microsoft.ML.OnnxRuntime;

namespace Portal.Inference.Onnx;

/// <summary>
/// Creates ONNX Runtime sessions on the requested execution provider. CUDA that cannot load (a CPU-only build has no
/// CUDA entry point; a GPU package without CUDA or cuDNN fails to load its provider library) falls back to CPU,
/// and the <see cref="ProviderReport"/> says why.
/// </summary>
public static class SessionFactory
{
    /// <summary>A session over <paramref name="model"/> (ONNX bytes); <paramref name="intraOpThreads"/> 0 lets ONNX Runtime choose.</summary>
    /// <exception cref="OnnxRuntimeException">The model cannot be loaded even on CPU.</exception>
    public static (InferenceSession Session, ProviderReport Report) Create(byte[] model, ExecutionProviderChoice requested, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(options => new InferenceSession(model, options), requested, intraOpThreads);
    }

    /// <summary>
    /// A session over the model file at <paramref name="path"/>, for the command line (the user's own files): ONNX Runtime
    /// then finds tensors stored as external data (<c>net.onnx</c> + <c>net.onnx.data</c>, as <c>torch.onnx.export</c> writes
    /// large models) beside the model file, as <c>onnx.load</c> does, whatever the working directory. Uploaded models go
    /// through <see cref="Create(byte[], ExecutionProviderChoice, int)"/> (bytes, in the sandbox) instead.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">The model cannot be loaded even on CPU.</exception>
    public static (InferenceSession Session, ProviderReport Report) CreateFromFile(string path, ExecutionProviderChoice requested, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        return Create(options => new InferenceSession(fullPath, options), requested, intraOpThreads);
    }

    private static (InferenceSession Session, ProviderReport Report) Create(Func<SessionOptions, InferenceSession> open, ExecutionProviderChoice requested, int intraOpThreads)
    {
        var available = AvailableProviders();
        string? reason = null;
        if (requested != ExecutionProviderChoice.Cpu && !available.Contains("CUDAExecutionProvider"))
        {
            reason = "This build of ONNX Runtime has no CUDA provider (built with -p:PortalOnnxRuntimeCpuOnly=true).";
        }
        else if (requested != ExecutionProviderChoice.Cpu && CudaLibraries.Missing.Count > 0)
        {
            // Not tried: ONNX Runtime would only fail to load its CUDA provider, and say so on standard error each time.
            reason = $"CUDA 13 / cuDNN 9 libraries are missing on this machine: {string.Join(", ", CudaLibraries.Missing)}.";
        }
        else if (requested != ExecutionProviderChoice.Cpu)
        {
            SessionOptions? options = null;
            try
            {
                options = NewOptions(intraOpThreads);
                options.AppendExecutionProvider_CUDA(0);
                var session = open(options);
                return (session, new ProviderReport(requested, ExecutionProviderChoice.Cuda, null) { Available = available });
            }
            catch (EntryPointNotFoundException)
            {
                reason = "This build of ONNX Runtime has no CUDA provider (built with -p:PortalOnnxRuntimeCpuOnly=true).";
            }
            catch (DllNotFoundException e)
            {
                reason = $"The CUDA provider library could not be loaded: {e.Message}";
            }
            catch (OnnxRuntimeException e)
            {
                // A model ONNX Runtime cannot parse fails on CPU too, and that error is the one the caller sees.
                reason = $"CUDA could not be started: {e.Message}";
            }
            finally
            {
                options?.Dispose();
            }
        }

        using var cpuOptions = NewOptions(intraOpThreads);
        var cpu = open(cpuOptions);
        return (cpu, new ProviderReport(requested, ExecutionProviderChoice.Cpu, reason) { Available = available });
    }

    /// <summary>The execution providers this ONNX Runtime build offers.</summary>
    public static IReadOnlyList<string> AvailableProviders()
    {
        try
        {
            return OrtEnv.Instance().GetAvailableProviders();
        }
        catch (OnnxRuntimeException)
        {
            return [];
        }
    }

    private static SessionOptions NewOptions(int intraOpThreads)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        return options;
    }
}
