using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Portal.Web.Api;

namespace Portal.Web.Tests.Support;

/// <summary>Model uploads through the API: <c>file</c> fields with .onnx files and the preprocessing fields.</summary>
public static class ModelHttp
{
    /// <summary>Small and quick: the hidden images are tiny, so a 16x16 input loses nothing.</summary>
    public static readonly IReadOnlyDictionary<string, string> SmallInput = new Dictionary<string, string> { ["width"] = "16", ["height"] = "16" };

    public static async Task<HttpResponseMessage> SubmitModelAsync(this HttpClient client, string slug, IReadOnlyList<(string Name, byte[] Bytes)> files,
        IReadOnlyDictionary<string, string>? fields = null, string description = "a model from the tests")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(files);
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", name);
        }

        foreach (var (key, value) in fields ?? SmallInput)
        {
            form.Add(new StringContent(value), key);
        }

        form.Add(new StringContent(description), "description");
        return await client.PostAsync(new Uri($"/api/v1/competitions/{slug}/submissions", UriKind.Relative), form, Cancellation);
    }

    public static async Task<int> SubmitModelAcceptedAsync(this HttpClient client, string slug, IReadOnlyList<(string Name, byte[] Bytes)> files,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        using var response = await client.SubmitModelAsync(slug, files, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"The upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Cancellation);
        return accepted!.Id;
    }

    /// <summary>Polls a submission until its status is one of <paramref name="statuses"/>.</summary>
    public static async Task<ApiSubmission> WaitForStatusAsync(this HttpClient client, int submissionId, TimeSpan timeout, params string[] statuses)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var submission = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{submissionId}");
            if (statuses.Contains(submission.Status))
            {
                return submission;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Submission {submissionId} is still {submission.Status} ({submission.Error}) after the timeout.");
            await Task.Delay(50, Cancellation);
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
