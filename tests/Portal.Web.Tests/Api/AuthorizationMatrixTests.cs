using System.Net;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>
/// Every endpoint and page against every kind of caller, during the competition: only the allowed
/// calls succeed. Each line of <see cref="Matrix"/> is one request and what each caller must get.
/// </summary>
[AlsoOnPostgres]
public sealed class AuthorizationMatrixTests(AuthorizationFixture fixture) : IClassFixture<AuthorizationFixture>
{
    private const Outcome Ok = Outcome.Ok;
    private const Outcome Accepted = Outcome.Accepted;
    private const Outcome BadRequest = Outcome.BadRequest;
    private const Outcome Unauthorized = Outcome.Unauthorized;
    private const Outcome Forbidden = Outcome.Forbidden;
    private const Outcome NotFound = Outcome.NotFound;
    private const Outcome SignIn = Outcome.SignIn;
    private const Outcome HostsOnly = Outcome.HostsOnly;
    private const Outcome Conflict = Outcome.Conflict;
    private const Outcome Antiforgery = Outcome.Antiforgery;

    /// <summary>Request (method and path; {slug} and {submission} are filled in), then the outcome for each caller.</summary>
    public static TheoryData<string, Caller, Outcome> Matrix => Build(
        //                                                             anonymous     member A      token A       token B       member B      host          other token   replaced token  host token
        ("GET /api/v1/competitions",                                 [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/leaderboard",              [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/leaderboard?board=private",[Forbidden,    Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Forbidden,    Ok]),
        ("GET /api/v1/competitions/{slug}/leaderboard/intervals",    [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/leaderboard/intervals?board=private",[Forbidden,    Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Forbidden,    Ok]),
        ("GET /api/v1/competitions/{slug}/leaderboard/forecast",     [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/audit",                    [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Unauthorized, Ok]),
        ("GET /api/v1/competitions/{slug}/audit?format=csv",         [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Unauthorized, Ok]),
        ("GET /api/v1/competitions/{slug}/audit.csv",                [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Unauthorized, Ok]),
        ("GET /c/{slug}/audit",                                      [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/sample-submission",        [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/ids",                      [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("POST /api/v1/competitions/{slug}/submissions",             [Unauthorized, Unauthorized, Accepted,     Accepted,     Unauthorized, Unauthorized, Forbidden,    Unauthorized, Unauthorized]),
        ("GET /api/v1/competitions/{slug}/images/{image}/thumbnail", [Unauthorized, Ok,           Ok,           Ok,           Ok,           Ok,           Forbidden,    Unauthorized, Ok]),
        ("GET /api/v1/competitions/{slug}/images/{image}/large",     [Unauthorized, Ok,           Ok,           Ok,           Ok,           Ok,           Forbidden,    Unauthorized, Ok]),
        ("GET /api/v1/submissions/{submission}",                     [Unauthorized, Ok,           Ok,           NotFound,     NotFound,     Ok,           NotFound,     Unauthorized, Ok]),
        ("GET /api/v1/submissions/{submission}/file",                [Unauthorized, Ok,           Ok,           NotFound,     NotFound,     Ok,           NotFound,     Unauthorized, Ok]),
        ("GET /api/v1/submissions/{submission}/training-run",        [Unauthorized, Ok,           Ok,           NotFound,     NotFound,     Ok,           NotFound,     Unauthorized, Ok]),
        ("POST /api/v1/submissions/{submission}/training-run",       [Unauthorized, Unauthorized, BadRequest,   NotFound,     Unauthorized, Unauthorized, NotFound,     Unauthorized, Unauthorized]),
        ("PUT /api/v1/submissions/{submission}/training-run/published",[Unauthorized, Unauthorized, Conflict,   NotFound,     Unauthorized, Unauthorized, NotFound,     Unauthorized, Unauthorized]),
        ("POST /api/v1/competitions/{slug}/ensembles",               [Unauthorized, Unauthorized, Accepted,     BadRequest,   Unauthorized, Unauthorized, Forbidden,    Unauthorized, Unauthorized]),
        ("GET /api/v1/competitions/{slug}/compare?ids={submission},{submission2}", [Unauthorized, Ok,           Ok,           NotFound,     NotFound,     Ok,           NotFound,     Unauthorized, Ok]),
        ("GET /c/{slug}/ensemble?ids={submission},{submission2}",    [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/compare-many?ids={submission},{submission2}",[Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /healthz",                                             [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /openapi/v1.json",                                     [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /scalar/v1",                                            [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /",                                                    [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}",                                            [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/data",                                       [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/leaderboard",                                [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/team",                                       [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/submit",                                     [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /c/{slug}/submissions",                                [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /Account/Login",                                       [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}",                          [Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok]),
        ("GET /api/v1/competitions/{slug}/submissions",              [Unauthorized, Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Unauthorized, Ok]),
        ("GET /api/v1/competitions/{slug}/team/webhook",             [Unauthorized, Unauthorized, Ok,           Ok,           Unauthorized, Unauthorized, Forbidden,    Unauthorized, Unauthorized]),
        ("PUT /api/v1/competitions/{slug}/team/webhook",             [Unauthorized, Unauthorized, BadRequest,   BadRequest,   Unauthorized, Unauthorized, Forbidden,    Unauthorized, Unauthorized]),
        ("GET /api/v1/competitions/{slug}/validation-gap",           [Unauthorized, Ok,           Ok,           Ok,           Ok,           Forbidden,    Forbidden,    Unauthorized, Forbidden]),
        ("GET /api/v1/competitions/{slug}/final-picks",              [Unauthorized, Ok,           Ok,           Ok,           Ok,           Forbidden,    Forbidden,    Unauthorized, Forbidden]),
        ("GET /api/v1/competitions/{slug}/teams",                    [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Unauthorized, Ok]),
        ("POST /api/v1/competitions",                                [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, BadRequest]),
        ("PUT /api/v1/competitions/{slug}/hidden-set",               [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, BadRequest]),
        ("POST /api/v1/competitions/{slug}/hidden-set/import",       [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, BadRequest]),
        ("POST /api/v1/competitions/{slug}/reopen",                  [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, Conflict]),
        ("PUT /api/v1/competitions/{slug}/teams/{teamB}/daily-limit",[Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, Ok]),
        ("POST /api/v1/competitions/{slug}/teams",                   [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, BadRequest]),
        ("POST /api/v1/competitions/{slug}/teams/0/token",           [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, NotFound]),
        ("GET /admin",                                               [SignIn,       HostsOnly,    SignIn,       SignIn,       HostsOnly,    Ok,           SignIn,       SignIn,       SignIn]),
        ("GET /admin/c/{slug}",                                      [SignIn,       HostsOnly,    SignIn,       SignIn,       HostsOnly,    Ok,           SignIn,       SignIn,       SignIn]),
        ("GET /admin/c/{slug}/submissions",                          [SignIn,       HostsOnly,    SignIn,       SignIn,       HostsOnly,    Ok,           SignIn,       SignIn,       SignIn]),
        ("GET /admin/jobs",                                          [SignIn,       HostsOnly,    SignIn,       SignIn,       HostsOnly,    Ok,           SignIn,       SignIn,       SignIn]),
        ("GET /api/v1/jobs",                                         [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok,           Forbidden,    Unauthorized, Ok]),
        ("POST /api/v1/jobs/0/cancel",                               [Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Antiforgery,  Forbidden,    Unauthorized, NotFound]));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Request_ByCaller_SucceedsOnlyWhenAllowed(string request, Caller caller, Outcome expected)
    {
        // Arrange
        var (method, path) = Resolve(request);
        var client = fixture.Client(caller);

        // Act
        using var response = method == "GET" ? await client.GetPathAsync(path)
            : path.EndsWith("/ensembles", StringComparison.Ordinal)
                ? await client.PostEnsembleAsync(fixture.Main.Slug, "hard", (fixture.SubmissionOfA, 1), (fixture.SecondSubmissionOfA, 1))
                : path.EndsWith("/submissions", StringComparison.Ordinal)
                    ? await client.SubmitAsync(fixture.Main.Slug, fixture.Main.Csv(fixture.Main.Predict(0.5, 0.5)))
                    : await client.SendAsync(HostWrite(method, path), TestContext.Current.CancellationToken);

        // Assert
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var said = $"{request} by {caller} answered {(int)response.StatusCode} {response.Headers.Location}";
        switch (expected)
        {
            case Outcome.Ok:
                Assert.True(response.StatusCode == HttpStatusCode.OK, said);
                if (AdminMarker(path) is { } marker)
                {
                    Assert.Contains(marker, body, StringComparison.Ordinal);
                }

                break;
            case Outcome.Accepted:
                // Taken: 201 for a CSV (scored in the request), 202 for kinds with a job (an ensemble).
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, said);
                break;
            case Outcome.BadRequest:
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, said);
                Assert.DoesNotContain(AuthorizationFixture.DescriptionOfA, body, StringComparison.Ordinal);
                break;
            case Outcome.Unauthorized:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, said);
                break;
            case Outcome.Forbidden:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, said);
                break;
            case Outcome.Conflict:
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, said);
                break;
            case Outcome.Antiforgery:
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, said);
                Assert.Contains("antiforgery token", body, StringComparison.Ordinal);
                break;
            case Outcome.NotFound:
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, said);
                break;
            case Outcome.SignIn:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, said);
                Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
                Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
                break;
            case Outcome.HostsOnly:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, said);
                Assert.DoesNotContain(AdminMarker(path)!, body, StringComparison.Ordinal);
                using (var denied = await client.GetPathAsync(response.Headers.Location!.PathAndQuery))
                {
                    var page = await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
                    Assert.Contains("This page is for hosts.", page, StringComparison.Ordinal);
                    Assert.DoesNotContain(AdminMarker(path)!, page, StringComparison.Ordinal);
                }

                break;
        }
    }

    [Theory]
    [InlineData(Caller.MemberOfA, true)]
    [InlineData(Caller.MemberOfB, false)]
    [InlineData(Caller.Anonymous, false)]
    public async Task SubmissionsPage_ByCaller_ShowsTeamASubmissionOnlyToItsMembers(Caller caller, bool shown)
    {
        // Arrange
        var client = fixture.Client(caller);

        // Act
        var page = await client.GetTextAsync($"/c/{fixture.Main.Slug}/submissions");

        // Assert
        Assert.Equal(shown, page.Contains(AuthorizationFixture.DescriptionOfA, StringComparison.Ordinal));
    }

    private (string Method, string Path) Resolve(string request)
    {
        var parts = request.Split(' ', 2);
        var path = parts[1]
            .Replace("{slug}", fixture.Main.Slug, StringComparison.Ordinal)
            .Replace("{submission2}", fixture.SecondSubmissionOfA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{submission}", fixture.SubmissionOfA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{teamB}", fixture.Main.B.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{image}", Uri.EscapeDataString(fixture.Main.ImageIds[0]), StringComparison.Ordinal);
        return (parts[0], path);
    }

    /// <summary>
    /// A host write that changes nothing the other rows read: settings a competition cannot have, a body that is not a
    /// zip, no folder, a reopen of an open competition, a higher limit for team B; a training run sent as JSON (no files),
    /// a run published while the competition is open.
    /// </summary>
    private static HttpRequestMessage HostWrite(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = path.EndsWith("/hidden-set", StringComparison.Ordinal)
            ? new ByteArrayContent("not a zip"u8.ToArray()) { Headers = { ContentType = new("application/zip") } }
            : System.Net.Http.Json.JsonContent.Create(path.EndsWith("/daily-limit", StringComparison.Ordinal)
                ? new Dictionary<string, object?> { ["limit"] = 500 }
                : path.EndsWith("/published", StringComparison.Ordinal)
                    ? new Dictionary<string, object?> { ["published"] = true }
                    : new Dictionary<string, object?> { ["slug"] = "X" }),
    };

    private static string? AdminMarker(string path) =>
        path == "/admin" ? "data-testid=\"admin-competitions\""
        : path == "/admin/jobs" ? "data-testid=\"host-jobs\""
        : path.StartsWith("/admin/", StringComparison.Ordinal) && path.EndsWith("/submissions", StringComparison.Ordinal) ? "data-testid=\"host-submissions\""
        : path.StartsWith("/admin/", StringComparison.Ordinal) ? "data-testid=\"admin-jobs\""
        : null;

    private static TheoryData<string, Caller, Outcome> Build(params (string Request, Outcome[] Outcomes)[] rows)
    {
        var callers = Enum.GetValues<Caller>();
        var data = new TheoryData<string, Caller, Outcome>();
        foreach (var (request, outcomes) in rows)
        {
            Assert.Equal(callers.Length, outcomes.Length);
            for (var i = 0; i < callers.Length; i++)
            {
                data.Add(request, callers[i], outcomes[i]);
            }
        }

        return data;
    }
}
