using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data;

namespace Portal.Web.Tests.Data;

/// <summary>
/// Model runs scored before their record had its own table kept their details inside the submission's details JSON; the
/// migration moves them into <c>ModelRuns</c> and leaves the submission's own metrics in place.
/// </summary>
public sealed class ModelRunMigrationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"portal-migration-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task Migrate_LegacyModelDetails_MovedIntoModelRuns()
    {
        // Arrange: the database as the first release left it, with one scored model submission and one CSV.
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={_path}").Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().First(), Ct);
        const string run = """{"tta":"hflip","merge":"mean","members":[{"name":"m.onnx","weight":1,"views":[{"view":"identity","f1":{"public":0.5,"private":0.4}}],"merged":{"public":0.55,"private":0.45}}],"ensemble":{"public":0.55,"private":0.45},"provider":"CPU"}""";
        const string metrics = """{"public":{"macroF1":0.55},"private":{"macroF1":0.45}}""";
        var legacy = metrics[..^1] + ""","modelRun":""" + run + "}";
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Competitions (Id, Slug, Title, Description, ClassNames, PublicFraction, SplitSeed, StartsAtUtc, EndsAtUtc, TimeZone, DailySubmissionLimit, FinalSelectionLimit, ShowPublicPerClass, State, CreatedAtUtc)
            VALUES (1, 'c', 'C', '', '[]', 0.5, 42, '2026-11-01 00:00:00', '2026-12-31 00:00:00', 'UTC', 5, 2, 0, 'Open', '2026-11-01 00:00:00');
            INSERT INTO Teams (Id, CompetitionId, Name, InviteCode, IsBaseline, CreatedAtUtc) VALUES (1, 1, 'T', 'code', 0, '2026-11-01 00:00:00');
            INSERT INTO Submissions (Id, CompetitionId, TeamId, Kind, Description, Status, FileKey, FileName, FileSize, QuotaDay, CreatedAtUtc, ScoredAtUtc, PublicScore, PrivateScore, DetailsJson, IsFinal)
            VALUES (7, 1, 1, 'Model', '', 'Scored', 'k', 'm.onnx', 1, '2026-11-30', '2026-11-30 10:00:00', '2026-11-30 10:01:00', 0.55, 0.45, {legacy}, 0),
                   (8, 1, 1, 'LabelsCsv', '', 'Scored', 'k2', 'a.csv', 1, '2026-11-30', '2026-11-30 11:00:00', '2026-11-30 11:00:01', 0.5, 0.4, {metrics}, 0);
            """, Ct);

        // Act
        await migrator.MigrateAsync(cancellationToken: Ct);

        // Assert
        var moved = await db.ModelRuns.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(7, moved.SubmissionId);
        Assert.Equal("CPU", moved.Provider);
        using (var details = JsonDocument.Parse(moved.DetailsJson))
        {
            Assert.Equal("hflip", details.RootElement.GetProperty("tta").GetString());
            Assert.Equal(0.5, details.RootElement.GetProperty("members")[0].GetProperty("views")[0].GetProperty("f1").GetProperty("public").GetDouble());
        }

        var model = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == 7, Ct);
        using (var left = JsonDocument.Parse(model.DetailsJson!))
        {
            Assert.False(left.RootElement.TryGetProperty("modelRun", out _));
            Assert.Equal(0.55, left.RootElement.GetProperty("public").GetProperty("macroF1").GetDouble());
        }

        Assert.Equal(metrics, (await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == 8, Ct)).DetailsJson);
    }
}
