using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Hosts;
using Portal.Application.Teams;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hosts;

/// <summary>The host API as course staff script it: a competition made, filled, opened, watched and closed over HTTP alone.</summary>
public sealed class HostApiTests(HostApiPortalFactory factory) : IClassFixture<HostApiPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScriptedCompetition_WithTheConfiguredToken_IsCreatedFilledOpenedLimitedClosedAndRescored()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = "scripted-" + Guid.NewGuid().ToString("N")[..8];
        var (zip, info) = HiddenSetZip(images: 40);

        // Act: create, fill, open
        using var created = await host.PostAsJsonAsync("/api/v1/competitions", new
        {
            slug, title = "Scripted", startsAtUtc = DateTime.UtcNow.AddDays(-1), endsAtUtc = DateTime.UtcNow.AddDays(7), dailySubmissionLimit = 5,
        }, Ct);
        using var upload = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip(zip), Ct);
        using var opened = await host.PostAsync($"/api/v1/competitions/{slug}/open", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("draft", (await created.Content.ReadFromJsonAsync<ApiCompetition>(Ct))!.State);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(40, (await upload.Content.ReadFromJsonAsync<ApiHiddenSetImported>(Ct))!.Images);
        var open = (await opened.Content.ReadFromJsonAsync<ApiCompetition>(Ct))!;
        Assert.Equal(("open", 40), (open.State, open.Images));

        // Act: a team submits; the host lists teams and submissions and lowers the team's limit to the one it used
        var team = await TeamAsync(slug);
        using var member = factory.WithToken(team.Token);
        var first = await member.SubmitAcceptedAsync(slug, info);
        var teams = await host.GetJsonAsync<List<ApiTeam>>($"/api/v1/competitions/{slug}/teams");
        var all = await host.GetJsonAsync<List<ApiSubmission>>($"/api/v1/competitions/{slug}/submissions");
        using var limited = await host.PutAsJsonAsync($"/api/v1/competitions/{slug}/teams/{team.Id}/daily-limit", new { limit = 1 }, Ct);
        using var refused = await member.SubmitAsync(slug, info.Replace(",0\n", ",1\n", StringComparison.Ordinal));
        using var replaced = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip(zip), Ct);

        // Assert
        Assert.Equal((5, (int?)null), (teams.Single().DailyLimit, teams.Single().DailyLimitOverride));
        Assert.Equal([first], all.Select(s => s.Id));
        Assert.Equal(1.0, all[0].PublicScore);
        Assert.Equal((1, (int?)1), await ReadAsync(limited, t => (t.DailyLimit, t.DailyLimitOverride)));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("used its 1 submission for today", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.Contains("already has submissions scored", await replaced.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Act: close, reopen, close again, rescore
        using var closed = await host.PostAsync($"/api/v1/competitions/{slug}/close", null, Ct);
        using var closedTwice = await host.PostAsync($"/api/v1/competitions/{slug}/close", null, Ct);
        using var reopened = await host.PostAsync($"/api/v1/competitions/{slug}/reopen", null, Ct);
        using var rescored = await host.PostAsync($"/api/v1/competitions/{slug}/rescore", null, Ct);

        // Assert
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<ApiCompetition>(Ct))!.State);
        Assert.Equal(HttpStatusCode.Conflict, closedTwice.StatusCode);
        Assert.Equal("open", (await reopened.Content.ReadFromJsonAsync<ApiCompetition>(Ct))!.State);
        Assert.Equal(HttpStatusCode.Accepted, rescored.StatusCode);
        Assert.Equal(1, (await rescored.Content.ReadFromJsonAsync<ApiRescoreQueued>(Ct))!.Queued);
        Assert.Equal(1.0, (await member.WaitUntilDoneAsync(first)).PublicScore);
    }

    [Fact]
    public async Task HostToken_RotatedRevokedOrOfAnAccountNoLongerHost_IsRefusedWithTheReason()
    {
        // Arrange
        var tokens = factory.Services.GetRequiredService<HostTokenService>();
        var userId = await NewHostAsync();
        var first = await tokens.RotateAsync(userId, Ct);
        var second = await tokens.RotateAsync(userId, Ct);
        using var rotatedAway = factory.WithToken(first);
        using var current = factory.WithToken(second);

        // Act
        using var before = await current.GetPathAsync("/api/v1/competitions/none/teams");
        using var old = await rotatedAway.GetPathAsync("/api/v1/competitions/none/teams");
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByIdAsync(userId))!, Viewer.HostRole)).Succeeded);
        }

        using var demoted = await current.GetPathAsync("/api/v1/competitions/none/teams");

        // Assert: known but missing is 404; the others are 401 with the reason
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("host API token is not valid", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, demoted.StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal([TeamTokens.Hash(second)], await db.HostTokens.Where(t => t.UserId == userId).Select(t => t.TokenHash).ToListAsync(Ct));
    }

    [Fact]
    public async Task RevokedHostToken_IsRefused()
    {
        // Arrange
        var tokens = factory.Services.GetRequiredService<HostTokenService>();
        var userId = await NewHostAsync();
        using var client = factory.WithToken(await tokens.RotateAsync(userId, Ct));
        using var before = await client.GetPathAsync("/api/v1/competitions/none/teams");

        // Act
        await tokens.RevokeAsync(userId, Ct);
        using var after = await client.GetPathAsync("/api/v1/competitions/none/teams");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Null(await tokens.DescribeAsync(userId, Ct));
    }

    [Fact]
    public async Task HiddenSetUpload_OverTheLimit_Is413WithTheLimitWhetherDeclaredOrNot()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);
        var body = new byte[HostApiPortalFactory.MaxHiddenSetBytes + 1];

        // Act
        using var declared = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", new ByteArrayContent(body), Ct);
        using var undeclared = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", new StreamContent(new UnknownLengthStream(body)), Ct);

        // Assert
        foreach (var response in new[] { declared, undeclared })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("4 MiB", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task HiddenSetUpload_ConnectionDroppedMidBody_ImportsNothingAndLeavesNoFile()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);
        var (zip, _) = HiddenSetZip(images: 40);

        // Act: the body stops after half the zip
        await Assert.ThrowsAnyAsync<Exception>(() =>
            host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", new StreamContent(new FailingStream(zip, zip.Length / 2)), Ct));

        // Assert
        var competition = await host.GetJsonAsync<ApiCompetition>($"/api/v1/competitions/{slug}");
        Assert.Equal(0, competition.Images);
        await WaitForNoTemporaryFilesAsync();
        var stored = Path.Combine(factory.DataDirectory, "files", "hidden", (await CompetitionIdAsync(slug)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(Directory.Exists(stored) && Directory.EnumerateFiles(stored, "*", SearchOption.AllDirectories).Any(), "The dropped upload stored images.");
    }

    [Fact]
    public async Task HiddenSetUpload_NotAZipOrWithAMissingImage_Is400ListingTheProblemsAndChangesNothing()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);
        var (zip, _) = HiddenSetZip(images: 10, dropOneImage: true);

        // Act
        using var notZip = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip("PK but not really"u8.ToArray()), Ct);
        using var missing = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip(zip), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, notZip.StatusCode);
        Assert.Contains("not a valid zip", await notZip.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(Assert.Single((await notZip.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct))!.Problems).Line);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var refusal = await missing.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.Equal((400, "The hidden set was not imported"), (refusal!.Status, refusal.Title));
        Assert.StartsWith("Nothing was changed. info.csv line 2: ", refusal.Detail, StringComparison.Ordinal);
        var problem = Assert.Single(refusal.Problems);
        Assert.Equal((2, "info.csv", "MissingImageFile"), (problem.Line, problem.File, problem.Code));
        Assert.Contains("missing", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, refusal.TotalProblems);
        Assert.Equal(0, (await host.GetJsonAsync<ApiCompetition>($"/api/v1/competitions/{slug}")).Images);
    }

    [Fact]
    public async Task HiddenSetUpload_TwoBadLabels_DetailCountsBothAndQuotesTheFirst()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("info.csv").Open()))
        {
            writer.Write("ImageID,ans\na.jpg,mask\nb.jpg,19\n");
        }

        // Act
        using var response = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip(buffer.ToArray()), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.StartsWith("Nothing was changed. The hidden set has 2 problems; the first: info.csv line 2, column ans: 'mask'", refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(2, refusal.TotalProblems);
    }

    [Fact]
    public async Task HiddenSetUpload_InfoCsvWithAHeaderAndNoRows_NamesInfoCsvInItsWholeFileProblem()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("info.csv").Open()))
        {
            writer.Write("ImageID,ans\n");
        }

        // Act
        using var response = await host.PutAsync($"/api/v1/competitions/{slug}/hidden-set", Zip(buffer.ToArray()), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct))!.Problems);
        Assert.Null(problem.Line);
        Assert.StartsWith("info.csv: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("no rows", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleSubmissionAndIds_BeforeTheHiddenSetOrOfNoCompetition_Are404SayingWhich()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var slug = await DraftAsync(host);

        // Act
        using var sample = await host.GetAsync($"/api/v1/competitions/{slug}/sample-submission", Ct);
        using var ids = await host.GetAsync($"/api/v1/competitions/{slug}/ids", Ct);
        using var nowhere = await host.GetAsync("/api/v1/competitions/no-such-thing/ids", Ct);

        // Assert
        foreach (var response in new[] { sample, ids })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("has not put in this competition's test images yet", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Contains("There is no competition 'no-such-thing'", await nowhere.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithBadSettings_Is400NamingTheSetting()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);

        // Act
        using var badSlug = await host.PostAsJsonAsync("/api/v1/competitions", new { slug = "Has Spaces", title = "x" }, Ct);
        using var badDates = await host.PostAsJsonAsync("/api/v1/competitions", new
        {
            slug = "dates-" + Guid.NewGuid().ToString("N")[..6], title = "x", startsAtUtc = DateTime.UtcNow, endsAtUtc = DateTime.UtcNow.AddDays(-1),
        }, Ct);

        // Act: an address that exists, and a folder that does not
        var taken = await DraftAsync(host);
        using var again = await host.PostAsJsonAsync("/api/v1/competitions", new { slug = taken, title = "Again" }, Ct);
        using var noFolder = await host.PostAsJsonAsync($"/api/v1/competitions/{taken}/hidden-set/import", new { folder = "/no/such/folder" }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFolder.StatusCode);
        Assert.Contains("There is no folder '/no/such/folder' on the server", await noFolder.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
        Assert.Contains("Slug", await badSlug.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDates.StatusCode);
        Assert.Contains("The end must come after the start.", await badDates.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roster_HostMakesATeamByScript_ItsTokenSubmitsAndARotatedOneReplacesIt()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        var teams = $"/api/v1/competitions/{scenario.Slug}/teams";
        var csv = scenario.Csv(scenario.Predict(0.7, 0.6));

        // Act: made with its token, then refused ones, then the token rotated
        using var created = await host.PostAsJsonAsync(teams, new { name = "  Roster 7 " }, Ct);
        var team = (await created.Content.ReadFromJsonAsync<ApiCreatedTeam>(PortalHttp.Json, Ct))!;
        using var sameName = await host.PostAsJsonAsync(teams, new { name = "Roster 7" }, Ct);
        using var tooShort = await host.PostAsJsonAsync(teams, new { name = "R" }, Ct);
        using var noName = await host.PostAsJsonAsync(teams, new { title = "Roster 8" }, Ct);
        using var first = factory.WithToken(team.Token);
        using var submitted = await first.SubmitAsync(scenario.Slug, csv);
        using var rotated = await host.PostAsync($"{teams}/{team.Id}/token", null, Ct);
        var next = (await rotated.Content.ReadFromJsonAsync<ApiTeamToken>(PortalHttp.Json, Ct))!;
        using var oldToken = await first.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)));
        using var second = factory.WithToken(next.Token);
        using var newToken = await second.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)));
        using var noSuchTeam = await host.PostAsync($"{teams}/0/token", null, Ct);
        using var teamA = factory.WithToken(scenario.A.Token);
        using var byATeam = await teamA.PostAsJsonAsync(teams, new { name = "Sneaky" }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Roster 7", team.Name);
        Assert.Matches("^pt_", team.Token);
        Assert.False(string.IsNullOrEmpty(team.InviteCode));
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Contains("The name 'Roster 7' is taken", await sameName.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("2 to 80 characters", await tooShort.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal((HttpStatusCode.OK, team.Id), (rotated.StatusCode, next.TeamId));
        Assert.NotEqual(team.Token, next.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchTeam.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byATeam.StatusCode);
        using var byTheHost = await host.SubmitAsync(scenario.Slug, csv);
        Assert.Equal(HttpStatusCode.Unauthorized, byTheHost.StatusCode);
        Assert.Contains("a host token cannot do it", await byTheHost.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        var stored = await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == team.Id, Ct);
        Assert.Empty(stored.Members);
        Assert.Equal(2, await db.Submissions.CountAsync(s => s.TeamId == team.Id, Ct));
    }

    [Fact]
    public async Task Roster_NamesThatReadTheSameOrHideCharacters_AreOneNameAndTheBaselineGetsNoToken()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        var teams = $"/api/v1/competitions/{scenario.Slug}/teams";
        using var created = await host.PostAsJsonAsync(teams, new { name = "Team\u200B  Seven\u0001\n" }, Ct);
        var team = (await created.Content.ReadFromJsonAsync<ApiCreatedTeam>(PortalHttp.Json, Ct))!;
        int baseline;
        await using (var db = await factory.DbAsync())
        {
            var row = new Team { CompetitionId = scenario.CompetitionId, Name = "Reference", InviteCode = TeamTokens.NewInviteCode(), IsBaseline = true };
            db.Teams.Add(row);
            await db.SaveChangesAsync(Ct);
            baseline = row.Id;
        }

        // Act
        using var lowerCase = await host.PostAsJsonAsync(teams, new { name = "team seven" }, Ct);
        using var fullWidth = await host.PostAsJsonAsync(teams, new { name = "\uFF34\uFF45\uFF41\uFF4D Seven" }, Ct);
        using var baselineToken = await host.PostAsync($"{teams}/{baseline}/token", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null(created.Headers.Location);
        Assert.Equal("Team Seven", team.Name);
        Assert.Equal(HttpStatusCode.Conflict, lowerCase.StatusCode);
        Assert.Contains("The name 'team seven' is taken in this competition (by 'Team Seven').", await lowerCase.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, fullWidth.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, baselineToken.StatusCode);
        Assert.Contains("is the baseline", await baselineToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyLimit_WithoutTheLimitKeyOrNotAWholeNumber_Is400AndKeepsTheOverride_AndZeroPausesWithItsOwnSentence()
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        var url = $"/api/v1/competitions/{scenario.Slug}/teams/{scenario.A.Id}/daily-limit";
        using (var set = await host.PutAsJsonAsync(url, new { limit = 7 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        // Act
        using var misspelt = await host.PutAsJsonAsync(url, new { limt = 0 }, Ct);
        using var text = await host.PutAsJsonAsync(url, new { limit = "abc" }, Ct);
        using var fraction = await host.PutAsJsonAsync(url, new { limit = 2.5 }, Ct);
        var kept = (await host.GetJsonAsync<List<ApiTeam>>($"/api/v1/competitions/{scenario.Slug}/teams")).Single(t => t.Id == scenario.A.Id);
        using var paused = await host.PutAsJsonAsync(url, new { limit = 0 }, Ct);
        using var team = factory.WithToken(scenario.A.Token);
        using var refused = await team.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));

        // Assert
        foreach (var response in new[] { misspelt, text, fraction })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains("{\"limit\": null}", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(7, kept.DailyLimitOverride);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("The host has paused your team's submissions", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teams/{team}/token")]
    [InlineData("open")]
    [InlineData("close")]
    [InlineData("rescore")]
    [InlineData("submissions")]
    public async Task PostOnlyAddress_WithGetOrDelete_Is405NamingTheMethodsItTakes(string path)
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        var address = $"/api/v1/competitions/{scenario.Slug}/" + path.Replace("{team}", scenario.A.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Act
        using var delete = await host.DeleteAsync(address, Ct);
        using var get = await host.GetPathAsync(address);

        // Assert: the methods it does take, and only those.
        var takes = path == "submissions" ? new[] { "GET", "POST" } : ["POST"];
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(takes, delete.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains("does not take this method", await delete.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        if (path != "submissions")
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
            Assert.Equal(takes, get.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task HostEndpoint_WithATeamToken_Is403SayingItIsForHosts()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await team.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/teams");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This is for hosts", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_AnEmptyCsv_IsRefusedAsEmptyNotAsMissing()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await team.SubmitAsync(scenario.Slug, "");

        // Assert
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("multipart field", body, StringComparison.Ordinal);
        Assert.Contains("empty", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("ph_short", false)]
    [InlineData("pt_0123456789012345678901234567890123", false)]
    [InlineData("ph_0123456789012345678901234567890123", true)]
    public void ConfiguredToken_TooShortOrWithoutPrefix_IsNamedAsInvalid(string token, bool valid) =>
        Assert.Equal(valid, HostTokenService.WhyInvalid(token) is null);

    private static ByteArrayContent Zip(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/zip") } };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, Func<ApiTeam, T> read)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return read((await response.Content.ReadFromJsonAsync<ApiTeam>(Ct))!);
    }

    private static (byte[] Zip, string Info) HiddenSetZip(int images, bool dropOneImage = false)
    {
        var folder = PortalFactory.NewDataDirectory();
        try
        {
            ScenarioBuilder.WriteHiddenSet(folder, images);
            var info = File.ReadAllText(Path.Combine(folder, "info.csv"));
            if (dropOneImage)
            {
                File.Delete(Path.Combine(folder, info.Split('\n')[1].Split(',')[0]));
            }

            using var buffer = new MemoryStream();
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.GetFiles(folder))
                {
                    archive.CreateEntryFromFile(file, Path.GetFileName(file));
                }
            }

            return (buffer.ToArray(), info);
        }
        finally
        {
            PortalFactory.DeleteDataDirectory(folder);
        }
    }

    private static async Task<string> DraftAsync(HttpClient host)
    {
        var slug = "draft-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await host.PostAsJsonAsync("/api/v1/competitions", new { slug, title = "Draft" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return slug;
    }

    private async Task<int> CompetitionIdAsync(string slug)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.Competitions.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync(Ct);
    }

    private async Task<ScenarioTeam> TeamAsync(string slug)
    {
        var user = await new ScenarioBuilder(factory).UserAsync($"{slug}@participants.test", "Scripted member");
        var teams = factory.Services.GetRequiredService<TeamService>();
        var (team, error) = await teams.CreateAsync(await CompetitionIdAsync(slug), user.Id, "Scripted team", Ct);
        Assert.Null(error);
        return new ScenarioTeam(team!.Id, team.Name, team.InviteCode, await teams.RotateTokenAsync(team.Id, Ct), [user]);
    }

    private async Task<string> NewHostAsync()
    {
        var user = await new ScenarioBuilder(factory).UserAsync($"host-{Guid.NewGuid():N}@hosts.test", "Second host");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, Viewer.HostRole)).Succeeded);
        return user.Id;
    }

    private void AssertNoTemporaryFiles()
    {
        var scratch = Path.Combine(factory.DataDirectory, "tmp");
        Assert.True(!Directory.Exists(scratch) || Directory.GetFiles(scratch, "*", SearchOption.AllDirectories).Length == 0,
            "An upload left a temporary file: " + string.Join(", ", Directory.Exists(scratch) ? Directory.GetFiles(scratch, "*", SearchOption.AllDirectories) : []));
    }

    /// <summary>The server notices the dropped body a moment after the client: wait a little for its clean-up.</summary>
    private async Task WaitForNoTemporaryFilesAsync()
    {
        for (var i = 0; i < 50; i++)
        {
            var scratch = Path.Combine(factory.DataDirectory, "tmp");
            if (!Directory.Exists(scratch) || Directory.GetFiles(scratch, "*", SearchOption.AllDirectories).Length == 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        AssertNoTemporaryFiles();
    }

    /// <summary>A body sent without a Content-Length (chunked).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A body whose connection drops after <paramref name="failAt"/> bytes.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAt)
            {
                throw new IOException("The connection dropped.");
            }

            var n = Math.Min(count, failAt - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
