using Portal.Web.Features.Models;
using Portal.Web.Jobs;

namespace Portal.Web.Hosting;

/// <summary>Registers model submissions: the <c>Inference</c> options, the upload checks, the run job and the provider diagnostics.</summary>
public static class ModelHosting
{
    public static IHostApplicationBuilder AddPortalModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<InferenceOptions>(builder.Configuration.GetSection(InferenceOptions.Section));
        services.AddSingleton<ProviderDiagnostics>();
        services.AddSingleton<ModelSubmissionService>();
        services.AddSingleton<ModelScoring>();
        services.AddSingleton<IJobHandler, RunModelHandler>();
        return builder;
    }
}
