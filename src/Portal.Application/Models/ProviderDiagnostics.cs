using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Portal.Inference.Onnx;

namespace Portal.Application.Models;

/// <summary>
/// Which execution provider model runs use, and why: a tiny probe session on the configured provider, made once
/// (on first use), then the report of the latest real model run. A CUDA request that falls back to CPU is logged
/// once as a warning with the reason.
/// </summary>
public sealed partial class ProviderDiagnostics(IOptions<InferenceOptions> options, ILogger<ProviderDiagnostics> logger)
{
    private readonly Lock _lock = new();
    private ProviderReport? _report;
    private bool _warned;

    /// <summary>The ONNX Runtime version this build runs.</summary>
    public static string RuntimeVersion { get; } =
        typeof(InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>The configured provider.</summary>
    public ExecutionProviderChoice Configured => options.Value.Provider;

    /// <summary>The latest report: the probe's, or the latest model run's; the probe runs on the first call.</summary>
    public ProviderReport Current()
    {
        lock (_lock)
        {
            if (_report is not null)
            {
                return _report;
            }
        }

        ProviderReport report;
        try
        {
            var (session, probe) = SessionFactory.Create(ProbeModel.Bytes, options.Value.Provider, options.Value.IntraOpThreads);
            session.Dispose();
            report = probe;
        }
        catch (OnnxRuntimeException e)
        {
            report = new ProviderReport(options.Value.Provider, ExecutionProviderChoice.Cpu, $"The probe session could not be created: {e.Message}")
            {
                Available = SessionFactory.AvailableProviders(),
            };
        }

        Record(report);
        return report;
    }

    /// <summary>Keeps the report of a real model run (what the diagnostics show next) and warns once about a CUDA fallback.</summary>
    public void Record(ProviderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool warn;
        lock (_lock)
        {
            _report = report;
            warn = report.Requested != ExecutionProviderChoice.Cpu && report.Used == ExecutionProviderChoice.Cpu && !_warned;
            _warned |= warn;
        }

        if (warn)
        {
            LogFallback(report.Requested, report.Reason ?? "no reason given");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inference:Provider is {Requested} but models run on the CPU: {Reason}")]
    private partial void LogFallback(ExecutionProviderChoice requested, string reason);
}
