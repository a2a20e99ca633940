using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Cli;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Cli;

/// <summary>
/// The participant commands of <c>portal</c> (submit, submissions, leaderboard, download) run against the test server:
/// what they print, what reaches the portal, and what a participant is told when something is wrong.
/// </summary>
public sealed class ParticipantCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("portal-cli-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Submit_ValidCsvWithWait_PrintsPublicScoreAndExitsZero()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var predicted = scenario.Predict(0.7, 0.4);
        var file = Write("sub.csv", scenario.Csv(predicted));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "-m", "resnet from the CLI", "--wait");

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        var expected = scenario.PublicScore(predicted).ToString("0.0000", CultureInfo.InvariantCulture);
        Assert.Matches($@"^Submission #\d+ is scored: public macro F1 {expected}\.\n$", run.Stdout.ReplaceLineEndings("\n"));
        using var client = factory.WithToken(scenario.A.Token);
        var stored = Assert.Single(await client.GetJsonAsync<List<ApiSubmission>>($"/api/v1/competitions/{scenario.Slug}/submissions"));
        Assert.Equal("resnet from the CLI", stored.Description);
        Assert.Contains($"#{stored.Id} ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_InvalidCsv_ExitsTwoWithEveryProblemByLine()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var file = Write("bad.csv", SubmissionCsv.WithDuplicateIdAndBadLabel(scenario.ImageIds));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "--wait");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Invalid submission", lines[0], StringComparison.Ordinal);
        // Located as `portal score` locates them: by line and column.
        Assert.Contains(lines, l => l.StartsWith("  line 3, column ans: ", StringComparison.Ordinal) && l.Contains("banana", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  line 4, column ", StringComparison.Ordinal) || l.StartsWith("  line 4: ", StringComparison.Ordinal));
        using var client = factory.WithToken(scenario.A.Token);
        Assert.Empty(await client.GetJsonAsync<List<ApiSubmission>>($"/api/v1/competitions/{scenario.Slug}/submissions"));
    }

    [Fact]
    public async Task Submit_BadToken_SaysTheServersReasonAndExitsThree()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var file = Write("sub.csv", scenario.Csv(scenario.Predict(0.5, 0.5)));
        using var direct = factory.WithToken("pt_not-a-real-token");
        using var refused = await direct.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/submissions");
        var reason = (await refused.Content.ReadFromJsonAsync<JsonElement>(PortalHttp.Json, Ct)).GetProperty("detail").GetString();

        // Act
        var run = await PortalCommandLine.RunAsync(factory, "pt_not-a-real-token", "submit", file, "-c", scenario.Slug);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"The portal refused the API token: {reason}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("PORTAL_TOKEN", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Json_PrintsTheSubmissionAsTheApiGivesIt()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var file = Write("sub.csv", scenario.Csv(scenario.Predict(0.6, 0.6)));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "--json");

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        using var printed = JsonDocument.Parse(run.Stdout);
        var id = printed.RootElement.GetProperty("id").GetInt32();
        using var client = factory.WithToken(scenario.A.Token);
        var served = await client.GetTextAsync($"/api/v1/submissions/{id}");
        Assert.Equal(served, run.Stdout.TrimEnd());
        Assert.Equal("scored", printed.RootElement.GetProperty("status").GetString());
        Assert.Equal("labels-csv", printed.RootElement.GetProperty("kind").GetString());
        Assert.True(printed.RootElement.GetProperty("publicScore").GetDouble() > 0);
    }

    [Fact]
    public async Task Submit_ValidationF1AndFolds_ReachTheSubmission()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var file = Write("sub.csv", scenario.Csv(scenario.Predict(0.6, 0.6)));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token,
            "submit", file, "-c", scenario.Slug, "--validation-f1", "0.91", "--fold-f1", "0.9,0.92,0.91", "--json");
        var wrong = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "--validation-f1", "91");

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        var id = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("id").GetInt32();
        using var client = factory.WithToken(scenario.A.Token);
        var stored = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}");
        Assert.Equal(0.91, stored.ValidationF1);
        Assert.Equal([0.9, 0.92, 0.91], stored.ValidationFolds);
        Assert.Equal(ExitCodes.InvalidInput, wrong.ExitCode);
        Assert.Contains("--validation-f1 must be a macro F1 between 0 and 1", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_TwoOfTheTeamsAndOneOfAnother_ListsTheTeamsOwnNewestFirst()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var first = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)), "first try");
        var second = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.5)), "second try");
        var others = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)), "team b");

        // Act
        var text = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submissions", "-c", scenario.Slug);
        var json = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submissions", "-c", scenario.Slug, "--json");

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (text.ExitCode, text.Stderr));
        var rows = text.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"2 submissions of {scenario.A.Name} in {scenario.Slug}, newest first:", rows[0]);
        Assert.Equal([second, first], rows.Skip(2).Select(r => int.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)));
        Assert.Contains("second try", rows[2], StringComparison.Ordinal);
        Assert.Contains("scored", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("team b", text.Stdout, StringComparison.Ordinal);
        var listed = JsonSerializer.Deserialize<List<ApiSubmission>>(json.Stdout, PortalHttp.Json)!;
        Assert.Equal([second, first], listed.Select(s => s.Id));
        Assert.DoesNotContain(others, listed.Select(s => s.Id));
    }

    [Fact]
    public async Task Leaderboard_TwoTeamsWithoutToken_ListsThemBestFirst()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.5)));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, token: null, "leaderboard", "-c", scenario.Slug);
        var json = await PortalCommandLine.RunAsync(factory, token: null, "leaderboard", "-c", scenario.Slug, "--json");

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        var rows = run.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Public leaderboard of {scenario.Slug} (macro F1):", rows[0]);
        Assert.StartsWith($"   1  {scenario.B.Name}", rows[2], StringComparison.Ordinal);
        Assert.Contains(scenario.PublicScore(scenario.Predict(0.9, 0.5)).ToString("0.0000", CultureInfo.InvariantCulture), rows[2], StringComparison.Ordinal);
        Assert.StartsWith($"   2  {scenario.A.Name}", rows[3], StringComparison.Ordinal);
        var board = JsonSerializer.Deserialize<ApiLeaderboard>(json.Stdout, PortalHttp.Json)!;
        Assert.Equal([scenario.B.Name, scenario.A.Name], board.Rows.Select(r => r.Team));
    }

    [Fact]
    public async Task Download_OwnSubmission_WritesTheFileAsSent()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var csv = scenario.Csv(scenario.Predict(0.6, 0.6));
        using var a = factory.WithToken(scenario.A.Token);
        var id = await a.SubmitAcceptedAsync(scenario.Slug, csv);
        var output = Path.Combine(_dir.FullName, "back.csv");

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "download", id.ToString(CultureInfo.InvariantCulture), "--out", output);

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(csv, await File.ReadAllTextAsync(output, Ct));
        Assert.Contains($"Saved the file of submission #{id} to {output}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_AnotherTeamsSubmission_IsRefusedAndWritesNothing()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var b = factory.WithToken(scenario.B.Token);
        var theirs = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)));
        var output = Path.Combine(_dir.FullName, "theirs.csv");

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "download", theirs.ToString(CultureInfo.InvariantCulture), "--out", output);

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"There is no submission #{theirs} of your team's", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(_dir.GetFiles());
    }

    [Fact]
    public async Task Submit_Tfevents_StoresTheRunWithTheSubmission()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var file = Write("sub.csv", scenario.Csv(scenario.Predict(0.6, 0.6)));
        var (folder, runs) = TrainingRunHttp.WriteFolds(folds: 3, steps: 10);
        File.WriteAllBytes(Path.Combine(folder, "fold_0", "model.pt"), new byte[4096]);

        try
        {
            // Act
            var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "--tfevents", folder, "--json");

            // Assert
            Assert.Equal(ExitCodes.Success, run.ExitCode);
            var id = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("id").GetInt32();
            Assert.Contains($"Stored the training run with submission #{id}: {runs.Expected.Count} curves in 3 runs from 3 files.", run.Stderr, StringComparison.Ordinal);
            using var client = factory.WithToken(scenario.A.Token);
            var stored = await client.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{id}/training-run");
            Assert.Equal(3, stored.Files);
            Assert.Equal(runs.Expected.Select(e => (e.Run, e.Tag)).Order(), stored.Series.Select(s => (s.Run, s.Tag)).Order());
            var loss = runs.Expected.First();
            Assert.Equal(loss.Steps, stored.Series.Single(s => s.Run == loss.Run && s.Tag == loss.Tag).Steps);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Submit_TfeventsRefused_ReportsTheSubmissionAndExitsTwo()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var predicted = scenario.Predict(0.6, 0.6);
        var file = Write("sub.csv", scenario.Csv(predicted));
        var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, "run", "fold_0")).Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "fold_0", "events.out.tfevents.1700000000.host"), "this is not a TFRecord file at all");

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug, "--tfevents", folder);

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var expected = scenario.PublicScore(predicted).ToString("0.0000", CultureInfo.InvariantCulture);
        Assert.Matches($@"^Submission #\d+ is scored: public macro F1 {expected}\.", run.Stdout);
        Assert.Contains("The training run was NOT stored (submission #", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("events.out.tfevents.1700000000.host", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir.FullName, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OverTheDailyLimit_SaysWhenToTryAgain()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(1).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        var file = Write("sub.csv", scenario.Csv(scenario.Predict(0.7, 0.5)));

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", file, "-c", scenario.Slug);

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("used its 1 submission for today", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"Try again in \d+ (hours?|minutes?|seconds?)", run.Stderr);
    }

    [Fact]
    public async Task Submit_NothingConfigured_SaysExactlyWhatToSet()
    {
        // Arrange
        var file = Write("sub.csv", "ImageID,ans\n");
        var config = Path.Combine(_dir.FullName, "config.json");

        // Act
        var run = await PortalCommandLine.RunAsync(factory, new Dictionary<string, string>(), ["submit", file, "-c", "anything"], config);

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("export PORTAL_URL=", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("export PORTAL_TOKEN=", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(config, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_ConfigFileOnly_IsRead()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var config = Write("config.json", $$"""{"url": "{{PortalCommandLine.Url}}", "token": "{{scenario.A.Token}}"}""");

        // Act
        var run = await PortalCommandLine.RunAsync(factory, new Dictionary<string, string>(), ["submissions", "-c", scenario.Slug], config);

        // Assert
        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Stderr));
        Assert.Equal($"Your team has no submissions in {scenario.Slug} yet.", run.Stdout.Trim());
    }

    [Fact]
    public async Task Leaderboard_NobodyListening_NamesTheAddressAndExitsThree()
    {
        // Arrange: no handler, a port nothing listens on.
        var environment = new CliEnvironment { Variable = name => name == "PORTAL_URL" ? "http://127.0.0.1:9" : null, ConfigFile = Path.Combine(_dir.FullName, "none.json") };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // Act
        var code = await CliApp.RunAsync(["leaderboard", "-c", "anything"], stdout, stderr, environment, Ct);

        // Assert
        Assert.Equal(ExitCodes.ServiceError, code);
        Assert.Contains("Could not reach the portal at http://127.0.0.1:9/", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("PORTAL_URL", stderr.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
