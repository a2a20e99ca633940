using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Inference.Samples;
using Portal.Web.Api;

namespace Portal.ClusterTests.Support;

/// <summary>The HTTP API and the login form as a client of the cluster uses them.</summary>
public static partial class ClusterApi
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Uploads a labels CSV (the API's multipart form); the response is the caller's.</summary>
    public static async Task<HttpResponseMessage> SubmitCsvAsync(this HttpClient client, string slug, byte[] csv, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "predictions.csv");
        form.Add(new StringContent("from the cluster tests"), "description");
        return await client.PostAsync(new Uri($"api/v1/competitions/{slug}/submissions", UriKind.Relative), form, cancellationToken);
    }

    /// <summary>Uploads a CSV that must be accepted and scored in the request (201); returns the answer.</summary>
    public static async Task<ApiSubmissionAccepted> SubmitAcceptedCsvAsync(this HttpClient client, string slug, byte[] csv)
    {
        using var response = await client.SubmitCsvAsync(slug, csv, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"The upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(Json, Ct))!;
    }

    /// <summary>Uploads the embedded sample model (64x64, with <paramref name="tta"/>); returns the queued submission's id (202).</summary>
    public static async Task<int> SubmitSampleModelAsync(this HttpClient client, string slug, string tta)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SampleModel.ReadBytes());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", SampleModel.FileName);
        form.Add(new StringContent(SampleModel.Preprocess.Width.ToString(CultureInfo.InvariantCulture)), "width");
        form.Add(new StringContent(SampleModel.Preprocess.Height.ToString(CultureInfo.InvariantCulture)), "height");
        form.Add(new StringContent(tta), "tta");
        using var response = await client.PostAsync(new Uri($"api/v1/competitions/{slug}/submissions", UriKind.Relative), form, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"The model upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(Json, Ct))!.Id;
    }

    public static async Task<ApiSubmission> SubmissionAsync(this HttpClient client, int id) =>
        (await client.GetFromJsonAsync<ApiSubmission>(new Uri($"api/v1/submissions/{id}", UriKind.Relative), Json, Ct))!;

    public static async Task<ApiLeaderboard> LeaderboardAsync(this HttpClient client, string slug) =>
        (await client.GetFromJsonAsync<ApiLeaderboard>(new Uri($"api/v1/competitions/{slug}/leaderboard?board=public", UriKind.Relative), Json, Ct))!;

    /// <summary>Polls a submission until it is scored or failed, or <paramref name="timeout"/> passes.</summary>
    public static async Task<ApiSubmission> WaitUntilDoneAsync(this HttpClient client, int id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var submission = await client.SubmissionAsync(id);
            if (submission.Status.Equals("scored", StringComparison.OrdinalIgnoreCase) || submission.Status.Equals("failed", StringComparison.OrdinalIgnoreCase))
            {
                return submission;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Submission {id} is still {submission.Status} after {timeout}.");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>Signs in through the login form as a browser does (antiforgery token, handler name, fields); the cookie goes to the client's container.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync(new Uri("Account/Login", UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenInput(form, "__RequestVerificationToken"),
            ["_handler"] = HiddenInput(form, "_handler"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync(new Uri("Account/Login", UriKind.Relative), content, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}.");
    }

    private static string HiddenInput(string html, string name)
    {
        var value = InputTag().Matches(html)
            .Select(input => input.Value)
            .Where(input => input.Contains($"name=\"{name}\"", StringComparison.Ordinal))
            .Select(input => ValueAttribute().Match(input))
            .FirstOrDefault(match => match.Success);
        Assert.True(value is not null, $"The login form has no hidden input '{name}'.");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
