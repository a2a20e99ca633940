using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;

namespace Portal.Web.Tests.Support;

/// <summary>Clients as a caller would have them (anonymous, signed in with cookies, with a team token) and API calls.</summary>
public static partial class PortalHttp
{
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>A client that keeps cookies and does not follow redirects (so tests see them).</summary>
    public static HttpClient Anonymous(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>A client that sends a team's API token.</summary>
    public static HttpClient WithToken(this PortalFactory factory, string token)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Signs in through the login form as a browser would: reads the form's antiforgery token and
    /// handler name, posts the fields, and keeps the sign-in cookie.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string email, string password)
    {
        var client = factory.Anonymous();
        await SignInAsync(client, client, email, password);
        return client;
    }

    /// <summary>
    /// Signs in as a browser would, reading the login form through <paramref name="formFrom"/> and posting it through
    /// <paramref name="postTo"/> (two instances behind one balancer, when the clients share their cookies).
    /// </summary>
    public static async Task SignInAsync(HttpClient formFrom, HttpClient postTo, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(formFrom);
        ArgumentNullException.ThrowIfNull(postTo);
        var form = await formFrom.GetTextAsync("/Account/Login");
        Assert.Contains("name=\"Input.Email\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Password\"", form, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenInput(form, "__RequestVerificationToken"),
            ["_handler"] = HiddenInput(form, "_handler"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        using var content = new FormUrlEncodedContent(fields);
        using var response = await postTo.PostAsync(new Uri("/Account/Login", UriKind.Relative), content, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    public static Task<HttpClient> SignInAsync(this PortalFactory factory, ScenarioUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return factory.SignInAsync(user.Email, user.Password);
    }

    public static Task<HttpClient> SignInAsHostAsync(this PortalFactory factory) =>
        factory.SignInAsync(PortalFactory.HostEmail, PortalFactory.HostPassword);

    /// <summary>The antiforgery token a signed-in page carries (its sign-out form's), for calls a page's script makes.</summary>
    public static async Task<string> PageAntiforgeryTokenAsync(this HttpClient client) =>
        HiddenInput(await client.GetTextAsync("/"), "__RequestVerificationToken");

    /// <summary>Makes (or replaces) the seeded host's API token and returns it.</summary>
    public static async Task<string> HostTokenAsync(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Data.Entities.PortalUser>>();
        var host = await users.FindByEmailAsync(PortalFactory.HostEmail) ?? throw new InvalidOperationException("The host account was not seeded.");
        return await factory.Services.GetRequiredService<Portal.Application.Hosts.HostTokenService>().RotateAsync(host.Id, Cancellation);
    }

    /// <summary>Uploads a CSV as the API's multipart form (<c>file</c>, <c>description</c>).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string slug, string csv, string description = "from the tests")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "predictions.csv");
        form.Add(new StringContent(description), "description");
        return await client.PostAsync(new Uri($"/api/v1/competitions/{slug}/submissions", UriKind.Relative), form, Cancellation);
    }

    /// <summary>Uploads a CSV that must be accepted (201: scored in the request); returns the new submission's id.</summary>
    public static async Task<int> SubmitAcceptedAsync(this HttpClient client, string slug, string csv, string description = "from the tests")
    {
        using var response = await client.SubmitAsync(slug, csv, description);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"The upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(Json, Cancellation);
        return accepted!.Id;
    }

    /// <summary>Polls a submission until it is scored or failed (or the time runs out).</summary>
    public static async Task<ApiSubmission> WaitUntilDoneAsync(this HttpClient client, int submissionId, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var submission = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{submissionId}");
            if (submission.Status is "scored" or "failed")
            {
                return submission;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Submission {submissionId} is still {submission.Status} after the timeout.");
            await Task.Delay(100, Cancellation);
        }
    }

    /// <summary>A GET of a path of the app (redirects are not followed).</summary>
    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
    }

    /// <summary>A GET of a JSON resource that must succeed.</summary>
    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var value = await client.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative), Json, Cancellation);
        Assert.NotNull(value);
        return value;
    }

    /// <summary>A GET of a body that must succeed, as text.</summary>
    public static Task<string> GetTextAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetStringAsync(new Uri(path, UriKind.Relative), Cancellation);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string HiddenInput(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && ValueAttribute().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        Assert.Fail($"The login form has no hidden input '{name}'.");
        return "";
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
