using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Trust;
using Portal.Web.Api;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Trust;

/// <summary>
/// The label audit finds labels the strongest submissions agree against, for hosts at any time and signed-in participants
/// after close; while the competition runs a participant gets 403 and no image, on the API and the page.
/// </summary>
public sealed class LabelAuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_PlantedLabelErrors_HostFindsExactlyThemWithTheDifferingAttributeAndCsv()
    {
        // Arrange
        var (scenario, planted) = await PlantedScenarioAsync();
        using var host = await factory.SignInAsHostAsync();

        // Act
        var audit = await host.GetJsonAsync<ApiLabelAudit>($"/api/v1/competitions/{scenario.Slug}/audit");
        using var csvResponse = await host.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/audit.csv");
        var csv = await csvResponse.Content.ReadAsStringAsync(Ct);
        var sameCsv = await host.GetTextAsync($"/api/v1/competitions/{scenario.Slug}/audit?format=csv");
        var page = await host.GetTextAsync($"/c/{scenario.Slug}/audit");

        // Assert
        Assert.Equal(2, audit.Voters);
        Assert.Equal(planted.Select(p => scenario.ImageIds[p]).Order(StringComparer.Ordinal), audit.Suspects.Select(s => s.ImageId).Order(StringComparer.Ordinal));
        Assert.All(audit.Suspects, s => Assert.Equal(1.0, s.Agreement));
        var taxonomy = scenario.Hidden.Taxonomy;
        var first = planted.Single(p => scenario.ImageIds[p] == audit.Suspects[0].ImageId);
        Assert.Equal(taxonomy.ClassNames[scenario.Hidden.Truth.Labels[first]], audit.Suspects[0].Truth);
        Assert.Equal(taxonomy.ClassNames[(scenario.Hidden.Truth.Labels[first] + 1) % taxonomy.Count], audit.Suspects[0].Consensus);
        Assert.NotEmpty(audit.Suspects[0].Differing);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(string.Join(',', LabelAuditCsv.Columns), lines[0], StringComparison.Ordinal);
        Assert.Equal(planted.Length + 1, lines.Length);
        Assert.Equal(csv, sameCsv);
        Assert.Contains($"api/v1/competitions/{scenario.Slug}/images/", page, StringComparison.Ordinal);
        Assert.Contains(audit.Suspects[0].ImageId, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ProbabilitySubmissions_EqualAgreementOrderedByTheVotersMeanConfidence()
    {
        // Arrange: both teams send probabilities with the same planted errors; their confidence varies by image.
        var scenario = await new ScenarioBuilder(factory).WithImages(60).BuildAsync();
        var classes = scenario.Hidden.Taxonomy.Count;
        var truth = scenario.Hidden.Truth.Labels.ToArray();
        int[] planted = [3, 11, 20, 33, 47, 58];
        var wrong = (byte[])truth.Clone();
        foreach (var p in planted)
        {
            wrong[p] = (byte)((truth[p] + 1) % classes);
        }

        var a = EnsembleHttp.Probabilities(wrong, classes, seed: 1);
        var b = EnsembleHttp.Probabilities(wrong, classes, seed: 2);
        using (var tokenA = factory.WithToken(scenario.A.Token))
        using (var tokenB = factory.WithToken(scenario.B.Token))
        {
            await tokenA.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, a, classes));
            await tokenB.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, b, classes));
        }

        double MeanConfidence(int image) => (a[(image * classes) + wrong[image]] + b[(image * classes) + wrong[image]]) / 2.0;
        using var host = await factory.SignInAsHostAsync();

        // Act
        var audit = await host.GetJsonAsync<ApiLabelAudit>($"/api/v1/competitions/{scenario.Slug}/audit");

        // Assert
        var expected = planted.OrderByDescending(MeanConfidence).Select(p => scenario.ImageIds[p]).ToList();
        Assert.Equal(expected, audit.Suspects.Select(s => s.ImageId).ToList());
        Assert.All(audit.Suspects, s => Assert.Equal(MeanConfidence(scenario.ImageIds.ToList().IndexOf(s.ImageId)), s.MeanConfidence!.Value, 6));
    }

    [Fact]
    public async Task Audit_ParticipantDuringCompetition_Is403AndNamesNoImage()
    {
        // Arrange
        var (scenario, _) = await PlantedScenarioAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        using var json = await token.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/audit");
        using var csv = await member.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/audit.csv");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/audit");
        var bodies = new[] { await json.Content.ReadAsStringAsync(Ct), await csv.Content.ReadAsStringAsync(Ct), page };

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Contains("data-testid=\"audit-unavailable\"", page, StringComparison.Ordinal);
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(scenario.ImageIds, id => body.Contains(id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Audit_ParticipantAfterClose_SeesTheSuspects()
    {
        // Arrange
        var (scenario, planted) = await PlantedScenarioAsync();
        using var token = factory.WithToken(scenario.B.Token);
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);

        // Act
        var audit = await token.GetJsonAsync<ApiLabelAudit>($"/api/v1/competitions/{scenario.Slug}/audit");

        // Assert
        Assert.Equal(planted.Length, audit.Suspects.Count);
    }

    [Fact]
    public async Task Audit_UnknownFormat_Is400()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var host = await factory.SignInAsHostAsync();

        // Act
        using var response = await host.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/audit?format=xml");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AuditService_ReadTwice_IsComputedOncePerBoardVersion()
    {
        // Arrange
        var (scenario, _) = await PlantedScenarioAsync();
        var competition = (await factory.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;
        var audits = factory.Services.GetRequiredService<LabelAuditService>();
        var host = new Viewer("host", IsHost: true);

        // Act
        var first = await audits.GetAsync(competition, host, Ct);
        var second = await audits.GetAsync(competition, host, Ct);

        // Assert
        Assert.Same(first, second);
    }

    /// <summary>
    /// Both teams label six planted images with the same wrong class (the next one); team B also gets three other images
    /// wrong in its own way, where the teams disagree and nothing is suspect.
    /// </summary>
    private async Task<(Scenario Scenario, int[] Planted)> PlantedScenarioAsync()
    {
        var scenario = await new ScenarioBuilder(factory).WithImages(60).BuildAsync();
        var truth = scenario.Hidden.Truth.Labels.ToArray();
        var classes = scenario.Hidden.Taxonomy.Count;
        int[] planted = [3, 11, 20, 33, 47, 58];
        var a = (byte[])truth.Clone();
        foreach (var p in planted)
        {
            a[p] = (byte)((truth[p] + 1) % classes);
        }

        var b = (byte[])a.Clone();
        foreach (var p in new[] { 5, 6, 7 })
        {
            b[p] = (byte)((truth[p] + 2) % classes);
        }

        using var tokenA = factory.WithToken(scenario.A.Token);
        using var tokenB = factory.WithToken(scenario.B.Token);
        await tokenA.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(a));
        await tokenB.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(b));
        return (scenario, planted);
    }
}
