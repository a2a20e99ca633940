using Portal.Application.Submissions;
using Portal.Application.Jobs;
using Portal.Application.Ensembles;

namespace Portal.Application.Hosting;

/// <summary>Registers the persisted job queue, its handlers and the in-process worker.</summary>
public static class JobHosting
{
    public static IHostApplicationBuilder AddPortalJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<JobOptions>(builder.Configuration.GetSection(JobOptions.Section));
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<IJobHandler, RescoreSubmissionHandler>();
        services.AddSingleton<IJobHandler, Ensembles.BuildEnsembleHandler>();
        services.AddHostedService<JobWorker>();
        return builder;
    }
}
