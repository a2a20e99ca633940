using System.Net;
using System.Net.Http.Headers;
using Portal.Cli.Remote;
using Portal.Core.Submissions;
using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests;

/// <summary>
/// The participant commands against a stub portal: where the address and token come from, and how the portal's refusals
/// read. Their end-to-end tests against the real server are in Portal.Web.Tests/Cli.
/// </summary>
public sealed class RemoteCommandTests : IDisposable
{
    private const string EmptyBoard = """{"board":"public","rows":[]}""";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string NoConfig => Path.Combine(_dir.Path, "none.json");

    [Fact]
    public async Task Settings_FlagVariableAndConfig_FlagBeatsVariableBeatsConfig()
    {
        // Arrange
        var config = _dir.Write("config.json", """{"url": "http://config.example/portal", "token": "pt_config", }""");
        var variables = new Dictionary<string, string> { ["PORTAL_TOKEN"] = "pt_variable" };
        using var stub = StubPortal.Json(EmptyBoard);

        // Act
        var fromConfig = await stub.RunAsync(variables, config, "leaderboard", "-c", "masks");
        var fromFlags = await stub.RunAsync(variables, config, "leaderboard", "-c", "masks", "--url", "https://flag.example", "--token", "pt_flag");

        // Assert
        Assert.Equal((0, 0), (fromConfig.ExitCode, fromFlags.ExitCode));
        Assert.Equal(new Uri("http://config.example/portal/api/v1/competitions/masks/leaderboard?board=public"), stub.Requests[0].Url);
        Assert.Equal("Bearer pt_variable", stub.Requests[0].Authorization);
        Assert.Equal(new Uri("https://flag.example/api/v1/competitions/masks/leaderboard?board=public"), stub.Requests[1].Url);
        Assert.Equal("Bearer pt_flag", stub.Requests[1].Authorization);
    }

    [Theory]
    [InlineData("http://host.example/api/v1", "http://host.example/")]
    [InlineData("http://host.example/api/v1/", "http://host.example/")]
    [InlineData("http://host.example/API", "http://host.example/")]
    [InlineData("https://host.example/portal/api/v1", "https://host.example/portal/")]
    public async Task Settings_UrlIsTheApiBase_TalksToThePortalRoot(string url, string root)
    {
        // Arrange: the API page shows http://host/api/v1, and users copy it.
        using var stub = StubPortal.Json(EmptyBoard);

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "leaderboard", "-c", "masks", "--url", url);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new Uri(root + "api/v1/competitions/masks/leaderboard?board=public"), stub.Requests.Single().Url);
    }

    [Fact]
    public async Task Settings_UrlButNoToken_SaysWhereToPutTheToken()
    {
        // Arrange
        using var stub = StubPortal.Json("[]");

        // Act
        var result = await stub.RunAsync(new Dictionary<string, string> { ["PORTAL_URL"] = "http://localhost:5000" }, NoConfig, "submissions", "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("No API token is configured.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("export PORTAL_TOKEN=pt_...", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(NoConfig, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Settings_UrlNotAWebAddress_NamesItsSource()
    {
        // Arrange
        using var stub = StubPortal.Json(EmptyBoard);

        // Act
        var result = await stub.RunAsync(new Dictionary<string, string> { ["PORTAL_URL"] = "localhost:5000" }, NoConfig, "leaderboard", "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("'localhost:5000' (from PORTAL_URL) is not a web address", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_ServerErrorWithHtmlBody_ShowsTheStatusNotTheHtml()
    {
        // Arrange
        using var stub = StubPortal.Json("<html><body>nginx: upstream at /srv/portal failed</body></html>", HttpStatusCode.BadGateway, "text/html");

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "leaderboard", "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.ServiceError, result.ExitCode);
        Assert.StartsWith("The portal failed on its side (502 Bad Gateway); try again later.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("html", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/srv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_TooManyRequestsWithRetryAfter_SaysWhenInWords()
    {
        // Arrange
        using var stub = new StubPortal(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"title":"Too Many Requests","status":429,"detail":"Too many uploads in a minute; slow down."}""",
                    System.Text.Encoding.UTF8, "application/problem+json"),
            };
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(125));
            return response;
        });

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submissions", "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var lines = result.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Too many uploads in a minute; slow down.", lines[0]);
        Assert.StartsWith("Try again in 3 minutes (at ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_RefusedCsv_PrintsEachProblemAsScoreDoes()
    {
        // Arrange: the portal's refusal of a file, with the line and column of each problem.
        var csv = _dir.Write("sub.csv", "ImageID,ans\na.jpg,0\n");
        using var stub = StubPortal.Json("""
            {"title":"Invalid submission","detail":"The file has a problem:","status":400,"totalProblems":2,
             "problems":[{"line":3,"column":"ans","code":"LabelOutOfRange","message":"Label 18 is out of range; labels are 0 to 17."},
                         {"line":0,"column":null,"code":"MissingImageIds","message":"12 images are missing."}]}
            """, HttpStatusCode.BadRequest, "application/problem+json");
        var expected = new[]
        {
            new SubmissionProblem(ProblemCode.LabelOutOfRange, 3, "Label 18 is out of range; labels are 0 to 17.", "ans"),
            new SubmissionProblem(ProblemCode.MissingImageIds, 0, "12 images are missing."),
        };

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submit", csv, "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var lines = result.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Select(p => $"  {p}"), lines[1..3]);
        Assert.Equal("  line 3, column ans: Label 18 is out of range; labels are 0 to 17.", lines[1]);
    }

    [Fact]
    public async Task Submissions_OfSeveralTeams_HeadingCountsTheTeamsAndEachRowNamesItsTeam()
    {
        // Arrange: what a host token gets, every team's submissions.
        using var stub = StubPortal.Json("""
            [{"id":9,"team":"Team B","kind":"labelsCsv","description":"b","status":"scored","createdAtUtc":"2026-12-02T10:00:00Z","publicScore":0.5},
             {"id":8,"team":"Team A","kind":"labelsCsv","description":"a","status":"scored","createdAtUtc":"2026-12-02T09:00:00Z","publicScore":0.4}]
            """);

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submissions", "-c", "masks");

        // Assert
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2 submissions of 2 teams in masks, newest first:", lines[0]);
        Assert.Contains("Team", lines[1], StringComparison.Ordinal);
        Assert.Contains("Team B", lines[2], StringComparison.Ordinal);
        Assert.Contains("Team A", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ModelWithItsExternalDataFile_SaysHowToSaveOneFileBeforeAnythingIsSent()
    {
        // Arrange: a model as torch.onnx.export writes it with external data.
        var model = _dir.Write("net.onnx", "graph");
        var weights = _dir.Write("net.onnx.data", "weights");
        using var stub = StubPortal.Json("{}");

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submit", model, weights, "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("'net.onnx.data' looks like the external-data file of an ONNX model", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("external_data=False", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("save_as_external_data=False", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Submit_CsvWithModelOptions_IsRefusedBeforeAnythingIsSent()
    {
        // Arrange
        var csv = _dir.Write("sub.csv", "ImageID,ans\na.jpg,0\n");
        using var stub = StubPortal.Json("{}");

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submit", csv, "-c", "masks", "--size", "64x64", "--bgr");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("--size, --bgr apply to ONNX models only; sub.csv is a CSV.", result.Stderr.Trim());
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Refusal_InvalidFileProblem_ListsLinesAndWholeFileProblemsWithoutALineZero()
    {
        // Arrange: the portal's refusal of a file, a problem detail with its problems; the last as older portals sent a
        // whole-file problem, with line 0.
        var csv = _dir.Write("sub.csv", "ImageID,ans\na.jpg,x\n");
        using var stub = StubPortal.Json("""
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid submission","status":400,"detail":"The file has 4 problems:",
             "problems":[{"line":2,"column":"ans","code":"NotAnInteger","message":"'x' is not a whole number."},
                         {"column":null,"code":"MissingImageIds","message":"2 of the 3 images have no prediction: b.jpg, c.jpg."},
                         {"line":0,"column":null,"code":"FileTooLarge","message":"The file is too large."}],
             "totalProblems":4}
            """, HttpStatusCode.BadRequest, "application/problem+json");

        // Act
        var result = await stub.RunAsync(Configured, NoConfig, "submit", csv, "-c", "masks");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var lines = result.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["Invalid submission: The file has 4 problems:", "  line 2, column ans: 'x' is not a whole number.", "  2 of the 3 images have no prediction: b.jpg, c.jpg.",
             "  The file is too large.", "  ... and 1 more problems."],
            lines[..5]);
        Assert.DoesNotContain("line 0", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(3600, "1 hour")]
    [InlineData(3 * 3600 + 12 * 60, "3 hours 12 minutes")]
    public void Duration_Seconds_InWords(int seconds, string expected) =>
        Assert.Equal(expected, RetryAfterText.Duration(TimeSpan.FromSeconds(seconds)));

    private static Dictionary<string, string> Configured => new() { ["PORTAL_URL"] = "http://portal.test", ["PORTAL_TOKEN"] = "pt_test" };
}
