using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Ensembles;
using Portal.Core.Submissions;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Ensembles;

/// <summary>Ensembles through the API: built, scored exactly as the core combines and scores, counted, downloadable, and refused with reasons.</summary>
[AlsoOnPostgres]
public sealed class EnsembleApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildEnsemble_HardWithWeights_ScoredAsCoreCombineAndDownloadable()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        byte[][] members = [scenario.Predict(0.8, 0.5), scenario.Predict(0.4, 0.9), scenario.Predict(0.6, 0.6)];
        var ids = new List<int>();
        foreach (var labels in members)
        {
            ids.Add(await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(labels)));
            Assert.Equal("scored", (await client.WaitUntilDoneAsync(ids[^1])).Status);
        }

        double[] weights = [1, 1, 2];
        var expected = EnsembleBuilder.Combine(
            members.Select((m, i) => new EnsembleMember(new Predictions(m, Classes), weights[i])).ToList(), EnsembleMethod.Hard).Labels.ToArray();

        // Act
        var id = await client.PostEnsembleAcceptedAsync(scenario.Slug, "hard", ids.Select((s, i) => (s, weights[i])).ToArray());
        var done = await client.WaitUntilDoneAsync(id);
        var csv = await client.GetTextAsync($"/api/v1/submissions/{id}/file");

        // Assert
        Assert.Equal("scored", done.Status);
        Assert.Equal("ensemble", done.Kind);
        Assert.Equal(scenario.PublicScore(expected), done.PublicScore!.Value, 12);
        await using var db = await factory.DbAsync();
        var stored = await db.Submissions.SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(scenario.PrivateScore(expected), stored.PrivateScore!.Value, 12);
        Assert.Equal(expected, stored.Labels);
        var read = PredictionCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), scenario.Hidden.Truth.Images, scenario.Hidden.Taxonomy);
        Assert.NotNull(read.Value);
        Assert.False(read.Value.HasProbabilities);
        Assert.Equal(expected, read.Value.Labels.ToArray());
    }

    [Theory]
    [InlineData("soft", EnsembleMethod.Soft)]
    [InlineData("gmean", EnsembleMethod.GeometricMean)]
    public async Task BuildEnsemble_ProbabilityMembers_ScoredAsCoreCombineWithProbabilitiesCsv(string method, EnsembleMethod expectedMethod)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        float[][] members =
        [
            EnsembleHttp.Probabilities(scenario.Predict(0.8, 0.5), Classes, 1),
            EnsembleHttp.Probabilities(scenario.Predict(0.4, 0.9), Classes, 2),
            EnsembleHttp.Probabilities(scenario.Predict(0.6, 0.3), Classes, 3),
        ];
        var ids = new List<int>();
        foreach (var p in members)
        {
            ids.Add(await client.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, p, Classes)));
            Assert.Equal("scored", (await client.WaitUntilDoneAsync(ids[^1])).Status);
        }

        var expected = EnsembleBuilder.Combine(members.Select(p => new EnsembleMember(Predictions.FromProbabilities(p, Classes))).ToList(), expectedMethod);

        // Act
        var id = await client.PostEnsembleAcceptedAsync(scenario.Slug, method, ids.Select(s => (s, 1.0)).ToArray());
        var done = await client.WaitUntilDoneAsync(id);
        var csv = await client.GetTextAsync($"/api/v1/submissions/{id}/file");

        // Assert
        Assert.True(done.Status == "scored", done.Error);
        Assert.Equal(scenario.PublicScore(expected.Labels.ToArray()), done.PublicScore!.Value, 12);
        Assert.StartsWith("ImageID,0,1,", csv, StringComparison.Ordinal);
        var read = PredictionCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), scenario.Hidden.Truth.Images, scenario.Hidden.Taxonomy);
        Assert.NotNull(read.Value);
        Assert.Equal(expected.Labels.ToArray(), read.Value.Labels.ToArray());
    }

    [Fact]
    public async Task BuildEnsemble_DailyLimit_CountsAndRefusesTheNext()
    {
        // Arrange: a limit of 3, two uploads and one ensemble take it all.
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(3).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var a = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
        var b = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        await client.WaitUntilDoneAsync(a);
        await client.WaitUntilDoneAsync(b);
        var first = await client.PostEnsembleAcceptedAsync(scenario.Slug, "hard", (a, 1), (b, 1));
        await client.WaitUntilDoneAsync(first);

        // Act
        using var again = await client.PostEnsembleAsync(scenario.Slug, "hard", (a, 1), (b, 2));
        var refusal = await again.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Contains("all 3 submissions", refusal!.Detail, StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.Equal(3, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    [Fact]
    public async Task BuildEnsemble_MemberBlobGone_FailsAndGivesTheSlotBack()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(10).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var a = await client.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, EnsembleHttp.Probabilities(scenario.Predict(0.7, 0.7), Classes, 4), Classes));
        var b = await client.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, EnsembleHttp.Probabilities(scenario.Predict(0.5, 0.5), Classes, 5), Classes));
        await client.WaitUntilDoneAsync(a);
        await client.WaitUntilDoneAsync(b);
        await using (var db = await factory.DbAsync())
        {
            var key = await db.Submissions.Where(s => s.Id == a).Select(s => s.ProbabilitiesKey).SingleAsync(Ct);
            File.Delete(Path.Combine(factory.DataDirectory, "files", key!));
        }

        // Act
        var id = await client.PostEnsembleAcceptedAsync(scenario.Slug, "soft", (a, 1), (b, 1));
        var done = await client.WaitUntilDoneAsync(id);

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.Contains($"#{a}", done.Error, StringComparison.Ordinal);
        await using var check = await factory.DbAsync();
        Assert.Equal(2, await check.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "other team", "is not one of your team's submissions" },
        { "unscored", "not scored" },
        { "soft labels only", "has labels only; soft voting needs probabilities" },
        { "one member", "at least two submissions" },
        { "negative weight", "must be a number of 0 or more" },
        { "zero weights", "At least one weight must be above 0" },
        { "unknown method", "is not a voting method" },
        { "listed twice", "is listed twice" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BuildEnsemble_BadRequest_RefusedWithReasonAndNothingCounted(string problem, string reason)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var first = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
        var second = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        var ofB = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)));
        foreach (var (client, id) in new[] { (a, first), (a, second), (b, ofB) })
        {
            await client.WaitUntilDoneAsync(id);
        }

        if (problem == "unscored")
        {
            await using var db = await factory.DbAsync();
            await db.Submissions.Where(s => s.Id == second).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Running), Ct);
        }

        var request = problem switch
        {
            "other team" => ("hard", new[] { (first, 1.0), (ofB, 1.0) }),
            "soft labels only" => ("soft", new[] { (first, 1.0), (second, 1.0) }),
            "one member" => ("hard", new[] { (first, 1.0) }),
            "negative weight" => ("hard", new[] { (first, 1.0), (second, -1.0) }),
            "zero weights" => ("hard", new[] { (first, 0.0), (second, 0.0) }),
            "unknown method" => ("median", new[] { (first, 1.0), (second, 1.0) }),
            "listed twice" => ("hard", new[] { (first, 1.0), (first, 2.0) }),
            _ => ("hard", new[] { (first, 1.0), (second, 1.0) }),
        };

        // Act
        using var response = await a.PostEnsembleAsync(scenario.Slug, request.Item1, request.Item2);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, refusal!.Detail, StringComparison.Ordinal);
        await using var check = await factory.DbAsync();
        Assert.False(await check.Submissions.AnyAsync(s => s.TeamId == scenario.A.Id && s.Kind == SubmissionKind.Ensemble, Ct));
        Assert.Equal(2, await check.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    [Fact]
    public async Task BuildEnsemble_SoftWithLabelsOnlyMember_NamesThatMember()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var withProbabilities = await client.SubmitAcceptedAsync(scenario.Slug, EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, EnsembleHttp.Probabilities(scenario.Predict(0.7, 0.7), Classes, 6), Classes));
        var labelsOnly = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)), "my labels-only run");
        await client.WaitUntilDoneAsync(withProbabilities);
        await client.WaitUntilDoneAsync(labelsOnly);

        // Act
        using var response = await client.PostEnsembleAsync(scenario.Slug, "gmean", (withProbabilities, 1), (labelsOnly, 1));
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Submission #{labelsOnly} (“my labels-only run”) has labels only; the geometric mean needs probabilities", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildEnsemble_EmptyBody_IsABadRequestNotAServerError()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/ensembles", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
