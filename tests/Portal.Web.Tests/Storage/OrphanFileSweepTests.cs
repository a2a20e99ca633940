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
[AlsoOnPostgres]
public sealed class OrphanFileSweepTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalStore _store = PortalStore.Create();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Start_AfterAKill_DeletesOldOrphansAndKeepsWhatIsNamedOrYoung()
    {
        // Arrange: a scored submission, then files as a killed process leaves them, a job naming a file, all old but the young.
        Scenario scenario;
        int id;
        string fileKey;
        await using (var first = PortalFactory.Over(_store, runWorker: true))
        {
            scenario = await new ScenarioBuilder(first).BuildAsync();
            using var client = first.WithToken(scenario.A.Token);
            id = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
            Assert.Equal("scored", (await client.WaitUntilDoneAsync(id)).Status);
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
            $"{predictions}/999999.f32",
            $"{predictions}/999999/member0-none.f32",
            // An import killed before it saved its hidden set, or a deleted competition's images.
            $"hidden/{scenario.CompetitionId}/{Guid.NewGuid():N}/a.png",
        ];
        string[] named = [fileKey, jobKey, string.Create(CultureInfo.InvariantCulture, $"{predictions}/{id}/member0-none.f32")];
        string[] young = [$"{team}/{Guid.NewGuid():N}.csv", $"hidden/{scenario.CompetitionId}/{Guid.NewGuid():N}/importing.png"];
        // Scratch files and folders (an upload being checked, an unpacked zip) live beside storage, on this machine's disk.
        var (oldScratchFile, youngScratchFile) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var (oldScratchFolder, busyScratchFolder) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await using (var stopped = PortalFactory.Over(_store, runWorker: false))
        {
            // Started first, so that its own sweep runs before the files are planted.
            await using var db = await stopped.DbAsync();
            // The hidden set's own images, as old as the orphans: named by its row, so kept.
            foreach (var image in Directory.EnumerateFiles(StoredPath($"hidden/{scenario.CompetitionId}"), "*", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(image, DateTime.UtcNow.AddHours(-1));
            }

            foreach (var key in orphans.Concat(named).Concat(young))
            {
                Plant(StoredPath(key), old: !young.Contains(key));
            }

            Plant(ScratchPath(oldScratchFile), old: true);
            Plant(ScratchPath(youngScratchFile), old: false);
            PlantScratchFolder(oldScratchFolder, oldFile: true);
            PlantScratchFolder(busyScratchFolder, oldFile: false);

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
        await using var restarted = PortalFactory.Over(_store, runWorker: false);
        _ = restarted.Services;

        // Assert
        Assert.All(orphans, key => Assert.False(File.Exists(StoredPath(key)), $"{key} should have been deleted."));
        Assert.All(named.Concat(young), key => Assert.True(File.Exists(StoredPath(key)), $"{key} should have been kept."));
        Assert.False(File.Exists(ScratchPath(oldScratchFile)), "An old scratch file should have been deleted.");
        Assert.False(Directory.Exists(ScratchPath(oldScratchFolder)), "An old scratch folder should have been deleted.");
        Assert.True(File.Exists(ScratchPath(youngScratchFile)), "A young scratch file should have been kept.");
        Assert.True(Directory.Exists(ScratchPath(busyScratchFolder)), "An old scratch folder with a young file in it should have been kept.");
        Assert.Equal(scenario.ImageIds.Count + 1, restarted.StoredFiles($"hidden/{scenario.CompetitionId}").Count);
        using var client2 = restarted.WithToken(scenario.A.Token);
        using var download = await client2.GetPathAsync($"/api/v1/submissions/{id}/file");
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
    }

    private string StoredPath(string key) => Path.Combine(_store.DataDirectory, "files", key);

    private string ScratchPath(string name) => Path.Combine(_store.DataDirectory, "tmp", name);

    /// <summary>An unpacked zip: old folders, and a file in them as old as <paramref name="oldFile"/> says.</summary>
    private void PlantScratchFolder(string name, bool oldFile)
    {
        var folder = ScratchPath(name);
        Plant(Path.Combine(folder, "set", "images", "a.png"), oldFile);
        foreach (var inside in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            Directory.SetLastWriteTimeUtc(inside, DateTime.UtcNow.AddHours(-1));
        }
    }

    private static void Plant(string path, bool old)
    {
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
