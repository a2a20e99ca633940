using Microsoft.Extensions.Options;
using Portal.Inference.Sandbox;
using Portal.Application.Models;
using Portal.Application.Jobs;
using Portal.Application;

namespace Portal.Application.Hosting;

/// <summary>Registers model submissions: the <c>Inference</c> options, the sandbox, the upload checks, the run job and the provider diagnostics.</summary>
public static class ModelHosting
{
    public static IHostApplicationBuilder AddPortalModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<InferenceOptions>(builder.Configuration.GetSection(InferenceOptions.Section));
        services.AddSingleton<ProviderDiagnostics>();
        // Every model a participant uploads is loaded and run in the sandboxed runner, never in this process.
        services.AddSingleton(provider =>
        {
            var inference = provider.GetRequiredService<IOptions<InferenceOptions>>().Value;
            var data = provider.GetRequiredService<IOptions<PortalOptions>>().Value.DataPath;
            var options = new SandboxOptions
            {
                WorkFolder = InferenceOptions.RunsPath(data),
                MemoryLimitBytes = inference.MaxRunMemory,
                CheckMemoryLimitBytes = inference.MaxCheckMemory,
                MaxConcurrentChecks = inference.ConcurrentChecks,
            };
            return new ModelSandbox(string.IsNullOrWhiteSpace(inference.RunnerPath) ? options : options with { RunnerPath = Path.GetFullPath(inference.RunnerPath) });
        });
        services.AddSingleton<ModelSubmissionService>();
        services.AddSingleton<ModelRunScoring>();
        services.AddSingleton<IJobHandler, RunModelHandler>();
        return builder;
    }
}
