using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Text;

/// <summary>Names, titles, descriptions and file names are stored without bidirectional controls, so none can be spoofed on screen.</summary>
public sealed class StoredTextTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Override = "\u202E";
    private const string Isolate = "\u2066";
    private const string Mark = "\u200F";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitCsv_FileNameAndDescriptionWithBidiControls_StoresThemWithout()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(scenario.Csv(scenario.Predict(1, 1))));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"labels{Override}vsc.exe");
        form.Add(new StringContent($"{Isolate}best{Mark} run{Override}"), "description");

        // Act
        using var response = await client.PostAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/submissions", UriKind.Relative), form, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = await factory.DbAsync();
        var submission = await db.Submissions.SingleAsync(s => s.CompetitionId == scenario.CompetitionId, Ct);
        Assert.Equal("labelsvsc.exe", submission.FileName);
        Assert.Equal("best run", submission.Description);
    }

    [Fact]
    public async Task CreateTeam_NameWithBidiControls_StoresItWithoutAndRefusesTheLookAlike()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var builder = new ScenarioBuilder(factory);
        var first = await builder.UserAsync($"{scenario.Slug}-bidi1@participants.test", "Bidi One");
        var second = await builder.UserAsync($"{scenario.Slug}-bidi2@participants.test", "Bidi Two");
        var teams = factory.Services.GetRequiredService<TeamService>();

        // Act
        var (team, error) = await teams.CreateAsync(scenario.CompetitionId, first.Id, $"{Override}Masked{Isolate} Ones", Ct);
        var (lookAlike, lookAlikeError) = await teams.CreateAsync(scenario.CompetitionId, second.Id, $"Masked Ones{Mark}", Ct);

        // Assert
        Assert.Null(error);
        Assert.Equal("Masked Ones", team!.Name);
        Assert.Null(lookAlike);
        Assert.Contains("is taken", lookAlikeError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCompetition_TitleAndDescriptionWithBidiControls_StoresThemWithout()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        CompetitionSettings settings;
        await using (var before = await factory.DbAsync())
        {
            settings = CompetitionService.SettingsOf(await before.Competitions.SingleAsync(c => c.Id == scenario.CompetitionId, Ct));
        }

        settings.Title = $"Masks{Override} 2026";
        settings.Description = $"Read the {Isolate}rules{Mark}.";

        // Act
        var error = await competitions.UpdateAsync(scenario.CompetitionId, settings, Ct);

        // Assert
        Assert.Null(error);
        await using var db = await factory.DbAsync();
        var competition = await db.Competitions.SingleAsync(c => c.Id == scenario.CompetitionId, Ct);
        Assert.Equal("Masks 2026", competition.Title);
        Assert.Equal("Read the rules.", competition.Description);
    }

    [Fact]
    public async Task CreateCompetition_TitleOfBidiControlsOnly_IsRefused()
    {
        // Arrange
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        var settings = new CompetitionSettings { Slug = "bidi-" + Guid.NewGuid().ToString("N")[..8], Title = Override + Isolate };

        // Act
        var (id, error) = await competitions.CreateAsync(settings, Ct);

        // Assert
        Assert.Null(id);
        Assert.Equal("Give the competition a title.", error);
    }
}
