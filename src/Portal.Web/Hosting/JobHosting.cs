using Portal.Web.Features.Submissions;
using Portal.Web.Jobs;

namespace Portal.Web.Hosting;

/// <summary>Registers the persisted job queue, its handlers and the in-process worker.</summary>
public static class JobHosting
{
    public static IHostApplicationBuilder AddPortalJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<JobOptions>(builder.Configuration.GetSection(JobOptions.Section));
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<IJobHandler, ScoreSubmissionHandler>();
        services.AddSingleton<IJobHandler, Features.Ensembles.BuildEnsembleHandler>();
        services.AddHostedService<JobWorker>();
        return builder;
    }
}
