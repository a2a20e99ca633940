using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Portal.TrainingRuns.Tests.Fixtures;
using Portal.Web.Api;

namespace Portal.Web.Tests.Support;

/// <summary>Training-run uploads and reads over the API, and a 5-fold TensorBoard run written to a temporary folder.</summary>
internal static class TrainingRunHttp
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Writes a 5-fold run (fold_0 ... fold_4, one event file each) under a new folder; returns it and what was written.</summary>
    public static (string Folder, FoldRuns Runs) WriteFolds(int folds = 5, int steps = 30, int seed = 13)
    {
        var folder = Directory.CreateTempSubdirectory("portal-run-").FullName;
        return (folder, FoldRuns.Write(folder, folds, steps, seed));
    }

    /// <summary>The files under <paramref name="folder"/> as (name relative to it with '/', bytes), in ordinal order.</summary>
    public static List<(string Name, byte[] Bytes)> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>A zip of <paramref name="files"/>, each under <paramref name="top"/> when given.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> files, string? top = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var entry = zip.CreateEntry(top is null ? name : $"{top}/{name}").Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>POSTs <paramref name="files"/> as multipart file fields named <c>file</c> (names keep their folders).</summary>
    public static async Task<HttpResponseMessage> UploadRunAsync(this HttpClient client, int submissionId, IEnumerable<(string Name, byte[] Bytes)> files, string? commit = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", name);
        }

        if (commit is not null)
        {
            form.Add(new StringContent(commit), "commit");
        }

        return await client.PostAsync(new Uri($"/api/v1/submissions/{submissionId}/training-run", UriKind.Relative), form, Cancellation);
    }

    /// <summary>
    /// Submits <paramref name="csv"/> to the submissions endpoint with its training run as <c>run</c> parts (names keep their
    /// folders), the run's parts before the CSV's when <paramref name="runFirst"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitWithRunAsync(this HttpClient client, string slug, string csv,
        IEnumerable<(string Name, byte[] Bytes)> run, string? commit = null, bool runFirst = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(csv);
        using var form = new MultipartFormDataContent();
        void AddCsv()
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "predictions.csv");
        }

        if (!runFirst)
        {
            AddCsv();
        }

        foreach (var (name, bytes) in run)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "run", name);
        }

        if (runFirst)
        {
            AddCsv();
        }

        form.Add(new StringContent("with its run"), "description");
        if (commit is not null)
        {
            form.Add(new StringContent(commit), "commit");
        }

        return await client.PostAsync(new Uri($"/api/v1/competitions/{slug}/submissions", UriKind.Relative), form, Cancellation);
    }

    /// <summary>Publishes or withdraws a run.</summary>
    public static Task<HttpResponseMessage> PublishRunAsync(this HttpClient client, int submissionId, bool published) =>
        client.PutAsJsonAsync(new Uri($"/api/v1/submissions/{submissionId}/training-run/published", UriKind.Relative), new ApiPublishRequest(published), PortalHttp.Json, Cancellation);
}
