using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Storage;

/// <summary>
/// A process killed during an upload leaves files no row names; the next start deletes them, and only them: never a file
/// a submission or a job still names, nor one young enough to be an upload in progress on another instance.
/// </summary>
public sealed class OrphanFileSweepTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = PortalFactory.NewDataDirectory();

    public void Dispose() => PortalFactory.DeleteDataDirectory(_folder);

    [Fact]
    public async Task Start_AfterAKill_DeletesOldOrphansAndKeepsWhatIsNamedOrYoung()
    {
        // Arrange: a scored submission, then files as a killed process leaves them, a job naming a file, all old but the young.
        Scenario scenario;
        int id;
        string fileKey;
        await using (var first = PortalFactory.Over(_folder, runWorker: true))
        {
            scenario = await new ScenarioBuilder(first).BuildAsync();
            using var client = first.WithToken(scenario.A.Token);
            id = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
            Assert.Equal("Scored", (await client.WaitUntilDoneAsync(id)).Status);
            await using var db = await first.DbAsync();
            fileKey = (await db.Submissions.SingleAsync(s => s.Id == id, Ct)).FileKey!;
        }

        var team = string.Create(CultureInfo.InvariantCulture, $"submissions/{scenario.CompetitionId}/{scenario.A.Id}");
        var predictions = string.Create(CultureInfo.InvariantCulture, $"predictions/{scenario.CompetitionId}");
        var jobKey = $"{team}/{Guid.NewGuid():N}/models.zip";
        string[] orphans =
        [
            $"{team}/{Guid.NewGuid():N}.csv",
            $"{team}/{Guid.NewGuid():N}/model.onnx",
            $".tmp/{Guid.NewGuid():N}",
            $"{predictions}/999999.f32",
            $"{predictions}/999999/member0-none.f32",
        ];
        string[] named = [fileKey, jobKey, string.Create(CultureInfo.InvariantCulture, $"{predictions}/{id}/member0-none.f32")];
        string[] young = [$"{team}/{Guid.NewGuid():N}.csv", $".tmp/{Guid.NewGuid():N}"];
        await using (var stopped = PortalFactory.Over(_folder, runWorker: false))
        {
            // Started first, so that its own sweep runs before the files are planted.
            await using var db = await stopped.DbAsync();
            foreach (var key in orphans.Concat(named).Concat(young))
            {
                Plant(key, old: !young.Contains(key));
            }

            db.Jobs.Add(new Job
            {
                Kind = JobKind.RunModel,
                State = JobState.Queued,
                CompetitionId = scenario.CompetitionId,
                SubmissionId = id,
                Payload = JsonSerializer.Serialize(new { members = new[] { new { name = "fold.onnx", key = jobKey } } }),
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        // Act
        await using var restarted = PortalFactory.Over(_folder, runWorker: false);
        _ = restarted.Services;

        // Assert
        Assert.All(orphans, key => Assert.False(File.Exists(PathOf(key)), $"{key} should have been deleted."));
        Assert.All(named.Concat(young), key => Assert.True(File.Exists(PathOf(key)), $"{key} should have been kept."));
        Assert.NotEmpty(restarted.StoredFiles($"hidden/{scenario.CompetitionId}"));
        using var client2 = restarted.WithToken(scenario.A.Token);
        using var download = await client2.GetPathAsync($"/api/v1/submissions/{id}/file");
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
    }

    private string PathOf(string key) => Path.Combine(_folder, "files", key);

    private void Plant(string key, bool old)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "left behind");
        }

        if (old)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        }
    }
}
