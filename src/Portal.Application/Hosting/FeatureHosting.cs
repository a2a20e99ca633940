using Portal.Application.Storage;
using Portal.Application.Admin;
using Portal.Application.Thumbnails;
using Portal.Application.Comparison;
using Portal.Application.Competitions;
using Portal.Application.Demo;
using Portal.Application.Leaderboards;
using Portal.Application.Submissions;
using Portal.Application.Teams;
using Portal.Application.Ensembles;

namespace Portal.Application.Hosting;

/// <summary>Registers the feature services the pages and the API call.</summary>
public static class FeatureHosting
{
    public static IHostApplicationBuilder AddPortalFeatures(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPortalEvents();
        builder.AddPortalModels();
        builder.AddPortalNotifications();
        var services = builder.Services;
        services.AddSingleton<CompetitionClock>();
        services.AddSingleton<HiddenSetCache>();
        services.AddSingleton<HiddenSetImporter>();
        services.AddSingleton<CompetitionService>();
        services.AddSingleton<CompetitionDeletion>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<Submissions.Intake.IntakeFaults>();
        services.AddSingleton<SubmissionScorer>();
        services.AddSingleton<Submissions.Intake.SubmissionIntake>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<BoardIntervalsService>();
        services.AddSingleton<ShakeUpForecastService>();
        services.AddSingleton<Trust.LabelAuditService>();
        services.AddSingleton<Trust.TeamTrustService>();
        services.AddSingleton<Comparison.ComparisonService>();
        services.Configure<EnsembleOptions>(builder.Configuration.GetSection(EnsembleOptions.Section));
        services.AddSingleton<Comparison.ManyComparisonService>();
        services.AddSingleton<Ensembles.EnsembleService>();
        services.AddSingleton<Models.Queue.ModelQueueService>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Thumbnails.ThumbnailService>();
        services.AddSingleton<Admin.AdminService>();
        services.Configure<Admin.HostViewOptions>(builder.Configuration.GetSection(Admin.HostViewOptions.Section));
        services.AddSingleton<Hosts.HostTokenService>();
        services.AddSingleton<Admin.DiskUsageService>();
        services.AddSingleton<Storage.OrphanFileSweep>();
        services.Configure<TrainingRuns.TrainingRunOptions>(builder.Configuration.GetSection(TrainingRuns.TrainingRunOptions.Section));
        services.AddSingleton<TrainingRuns.TrainingRunService>();
        return builder;
    }
}
