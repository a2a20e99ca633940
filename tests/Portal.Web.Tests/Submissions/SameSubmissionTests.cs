using System.Net;
using System.Security.Cryptography;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Submissions;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Models;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Submissions;

/// <summary>
/// The same submission sent again by a team (the same file; the same model files with the same settings; the same
/// ensemble) is refused with 409 naming the first, before it takes a slot, even when the copies arrive at once.
/// </summary>
[AlsoOnPostgres]
public sealed class SameSubmissionTests(ModelPortalFactory factory) : IClassFixture<ModelPortalFactory>
{
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitCsv_TwelveCopiesAtOnce_OneTakenElevenNameIt()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(5).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = scenario.Csv(scenario.Predict(0.7, 0.6));

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.SubmitAsync(scenario.Slug, csv, $"copy {i}")));

        // Assert
        try
        {
            var taken = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            var id = (await taken.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct))!.Id;
            Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var refusal = await refused.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
                Assert.Contains($"submission #{id} ", refusal!.Detail, StringComparison.Ordinal);
            }

            await AssertSlotsEqualRowsAsync(scenario, rows: 1);
            Assert.Single(factory.StoredFiles($"submissions/{scenario.CompetitionId}/{scenario.A.Id}"));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task SubmitCsv_SameFileFromAnotherTeam_Taken()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var csv = scenario.Csv(scenario.Predict(0.7, 0.6));

        await a.SubmitAcceptedAsync(scenario.Slug, csv);
        await b.SubmitAcceptedAsync(scenario.Slug, csv);
    }

    [Fact]
    public async Task SubmitModel_SameFilesAndSettings_RefusedButOtherSettingsTaken()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(5).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        (string, byte[])[] model = [("bins.onnx", TinyModels.Binning(0, Classes))];
        var first = await client.SubmitModelAcceptedAsync(scenario.Slug, model);

        // Act
        using var again = await client.SubmitModelAsync(scenario.Slug, model);
        using var withTta = await client.SubmitModelAsync(scenario.Slug, model, new Dictionary<string, string>(ModelHttp.SmallInput) { ["tta"] = "hflip" });

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"submission #{first} ", (await again.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, withTta.StatusCode);
        await AssertSlotsEqualRowsAsync(scenario, rows: 2);
    }

    [Fact]
    public async Task BuildEnsemble_SameMembersInAnotherOrderAndScale_Refused()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(5).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var a = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
        var b = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        var first = await client.PostEnsembleAcceptedAsync(scenario.Slug, "hard", (a, 1), (b, 2));

        // Act: the same weights up to a factor, members swapped; then other weights.
        using var same = await client.PostEnsembleAsync(scenario.Slug, "hard", (b, 4), (a, 2));
        using var otherWeights = await client.PostEnsembleAsync(scenario.Slug, "hard", (a, 2), (b, 1));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Contains($"submission #{first} ", (await same.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherWeights.StatusCode);
        await AssertSlotsEqualRowsAsync(scenario, rows: 4);
    }

    [Fact]
    public async Task SubmitCsv_SameFileAfterTheFirstFailed_Taken()
    {
        // Arrange: the first copy failed (the server's fault): sending it again is the way to retry.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = scenario.Csv(scenario.Predict(0.7, 0.6));
        var first = await client.SubmitAcceptedAsync(scenario.Slug, csv);
        await using (var db = await factory.DbAsync())
        {
            await db.Submissions.Where(s => s.Id == first).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Failed), Ct);
        }

        // Act + Assert
        await client.SubmitAcceptedAsync(scenario.Slug, csv);
    }

    [Fact]
    public async Task SubmitCsv_SameFileThroughTheApiThenThePage_RefusedAsTheSame()
    {
        // Arrange: the API takes the file the form reader kept; the page streams it. Both must fingerprint the bytes alike.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = scenario.Csv(scenario.Predict(0.7, 0.6));
        var first = await client.SubmitAcceptedAsync(scenario.Slug, csv);
        Competition competition;
        await using (var db = await factory.DbAsync())
        {
            competition = await db.Competitions.AsNoTracking().SingleAsync(c => c.Id == scenario.CompetitionId, Ct);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(csv))), await db.Submissions.Where(s => s.Id == first).Select(s => s.ContentHash).SingleAsync(Ct));
        }

        // Act
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var outcome = await factory.Services.GetRequiredService<SubmissionService>()
            .SubmitCsvAsync(competition, scenario.A.Id, null, stream, "again.csv", null, cancellationToken: Ct);

        // Assert
        Assert.Equal(RefusalReason.Duplicate, outcome.Reason);
        Assert.Contains($"submission #{first} ", outcome.Error, StringComparison.Ordinal);
        await AssertSlotsEqualRowsAsync(scenario, rows: 1);
    }

    private async Task AssertSlotsEqualRowsAsync(Scenario scenario, int rows)
    {
        await using var db = await factory.DbAsync();
        Assert.Equal(rows, await db.Submissions.CountAsync(s => s.TeamId == scenario.A.Id, Ct));
        Assert.Equal(rows, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }
}
