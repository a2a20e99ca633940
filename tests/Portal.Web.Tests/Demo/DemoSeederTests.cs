using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Demo;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Demo;

/// <summary>The demo's history enters through the same intake as any upload: scored at once, slotted on its own days, no job.</summary>
[AlsoOnPostgres]
public sealed class DemoSeederTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalStore _store = PortalStore.Create();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Seed_EmptyPortal_CsvHistoryScoredThroughTheIntakeWithSlotsOnItsDays()
    {
        // Arrange
        await using var app = PortalFactory.Over(_store, runWorker: false);
        _ = app.Server;

        // Act
        await app.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(Ct);

        // Assert
        await using var db = await app.DbAsync();
        var csvs = await db.Submissions.AsNoTracking().Where(s => s.Kind != SubmissionKind.Model).ToListAsync(Ct);
        Assert.Equal(8, csvs.Count);
        Assert.All(csvs, s =>
        {
            Assert.Equal(SubmissionStatus.Scored, s.Status);
            Assert.NotNull(s.PublicScore);
            Assert.NotNull(s.ContentHash);
            Assert.Equal(s.CreatedAtUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.QuotaDay);
        });
        Assert.True(csvs.Select(s => s.QuotaDay).Distinct().Count() > 1, "The history is spread over several days.");
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == JobKind.ScoreSubmission, Ct));

        // Slots used equal the submissions stored, team by team and day by day (the model too).
        var rows = await db.Submissions.AsNoTracking().GroupBy(s => new { s.TeamId, s.QuotaDay }).Select(g => new { g.Key.TeamId, g.Key.QuotaDay, Count = g.Count() }).ToListAsync(Ct);
        var slots = await db.DailyQuotas.AsNoTracking().Where(q => q.Used > 0).ToListAsync(Ct);
        Assert.Equal(rows.Count, slots.Count);
        Assert.All(rows, r => Assert.Equal(r.Count, slots.Single(q => q.TeamId == r.TeamId && q.Day == r.QuotaDay).Used));
        var model = await db.Submissions.AsNoTracking().SingleAsync(s => s.Kind == SubmissionKind.Model, Ct);
        Assert.True(await db.Jobs.AnyAsync(j => j.SubmissionId == model.Id && j.Kind == JobKind.RunModel, Ct));
    }
}
