using Portal.Web.Features.Competitions;
using Portal.Web.Features.Demo;
using Portal.Web.Features.Leaderboards;
using Portal.Web.Features.Submissions;
using Portal.Web.Features.Teams;

namespace Portal.Web.Hosting;

/// <summary>Registers the feature services the pages and the API call.</summary>
public static class FeatureHosting
{
    public static IHostApplicationBuilder AddPortalFeatures(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPortalModels();
        var services = builder.Services;
        services.AddSingleton<CompetitionClock>();
        services.AddSingleton<HiddenSetCache>();
        services.AddSingleton<HiddenSetImporter>();
        services.AddSingleton<CompetitionService>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<QuotaService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<Features.Comparison.ComparisonService>();
        services.Configure<EnsembleOptions>(builder.Configuration.GetSection(EnsembleOptions.Section));
        services.AddSingleton<Features.Comparison.ManyComparisonService>();
        services.AddSingleton<Features.Ensembles.EnsembleService>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Features.Thumbnails.ThumbnailService>();
        services.AddSingleton<Features.Admin.AdminService>();
        services.AddSingleton<Features.Storage.OrphanFileSweep>();
        return builder;
    }
}
