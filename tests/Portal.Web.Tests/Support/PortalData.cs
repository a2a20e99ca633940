using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Storage;

namespace Portal.Web.Tests.Support;

/// <summary>Direct looks at what the app stored: its database and its files.</summary>
public static class PortalData
{
    /// <summary>A context on the app's database, for checking (and, in restart tests, staging) rows.</summary>
    public static Task<PortalDbContext> DbAsync(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The submission's job once it has left the queue and finished (after 15 s, as it is then). The worker writes the
    /// submission's outcome first and the job's end a moment later, so a test that has just seen the submission scored or
    /// failed waits here for the job.
    /// </summary>
    public static async Task<Portal.Data.Entities.Job> SettledJobAsync(this PortalFactory factory, int submissionId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            await using var db = await factory.DbAsync();
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.SubmissionId == submissionId, TestContext.Current.CancellationToken);
            if (job.State is not (Portal.Data.Entities.JobState.Running or Portal.Data.Entities.JobState.Queued) || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The files stored under a storage folder (such as <c>submissions/3</c>); empty when it does not exist.</summary>
    public static IReadOnlyList<string> StoredFiles(this PortalFactory factory, string folder)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var path = Path.Combine(factory.DataDirectory, "files", folder);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>The app's scratch files and folders (<see cref="ITemporaryFiles"/>) that are still there.</summary>
    public static IReadOnlyList<string> TemporaryFiles(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Directory.GetFileSystemEntries(factory.Services.GetRequiredService<ITemporaryFiles>().Folder);
    }
}
