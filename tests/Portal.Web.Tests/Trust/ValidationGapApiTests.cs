using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Trust;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Trust;

/// <summary>The team's validation numbers from the upload to the row, the submission and the validation gap (API and Submissions page).</summary>
public sealed class ValidationGapApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_WithValidationF1AndFolds_StoredOnTheRowAndShownOnTheSubmission()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await client.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), "0.91", "0.90, 0.92,0.91");
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);
        var view = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{accepted!.Id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0.91, view.ValidationF1);
        Assert.Equal([0.90, 0.92, 0.91], view.ValidationFolds!);
        await using var db = await factory.DbAsync();
        var row = await db.Submissions.SingleAsync(s => s.Id == accepted.Id, Ct);
        Assert.Equal(0.91, row.ValidationF1);
        Assert.Equal([0.90, 0.92, 0.91], row.ValidationFoldF1s);
    }

    [Theory]
    [InlineData("83", null, ValidationScores.F1Field)]
    [InlineData("high", null, ValidationScores.F1Field)]
    [InlineData("NaN", null, ValidationScores.F1Field)]
    [InlineData(null, "0.8", ValidationScores.FoldsField)]
    [InlineData(null, "0.8,x,0.7", ValidationScores.FoldsField)]
    [InlineData("0.8", "0.8,1.5", ValidationScores.FoldsField)]
    public async Task Submit_WrongValidationValue_400NamingTheFieldAndNothingStored(string? f1, string? folds, string field)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await client.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), f1, folds);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, refusal!.Detail, StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.TeamId == scenario.A.Id, Ct));
        Assert.Equal(0, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    [Fact]
    public async Task ValidationGap_ValidationFarAboveThePublicScore_FlaggedAsShiftInTheApiAndOnThePage()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.5, 0.5);
        using (var response = await token.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(predicted), "0.998", null, "leaky split"))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        var gap = await token.GetJsonAsync<ApiValidationGap>($"/api/v1/competitions/{scenario.Slug}/validation-gap");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        var row = Assert.Single(gap.Rows);
        Assert.Equal("shift", row.Verdict);
        Assert.StartsWith(ValidationGapReport.ShiftSentence, row.Message, StringComparison.Ordinal);
        Assert.Equal(scenario.PublicScore(predicted), row.PublicF1, 12);
        Assert.True(row.PublicLower < row.PublicF1 && row.PublicF1 < row.PublicUpper, "The public score lies inside its interval.");
        Assert.Equal(0.998, row.ValidationF1);
        Assert.Contains("data-testid=\"validation-shift\"", page, StringComparison.Ordinal);
        Assert.Contains(ValidationGapReport.ShiftSentence, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationGap_ValidationEqualToThePublicScore_WithinNoiseAndNoFlag()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.7, 0.5);
        var f1 = scenario.PublicScore(predicted).ToString("0.000", CultureInfo.InvariantCulture);
        using (var response = await token.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(predicted), f1, null))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        _ = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)), "no validation sent");
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        var gap = await token.GetJsonAsync<ApiValidationGap>($"/api/v1/competitions/{scenario.Slug}/validation-gap");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        var row = Assert.Single(gap.Rows);
        Assert.Equal("within-noise", row.Verdict);
        Assert.Contains("data-testid=\"validation-gap-row\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"validation-shift\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationGap_OtherTeam_SeesOnlyItsOwn()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        using (var response = await a.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)), "0.95", null))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Act
        var gapOfB = await b.GetJsonAsync<ApiValidationGap>($"/api/v1/competitions/{scenario.Slug}/validation-gap");

        // Assert
        Assert.Empty(gapOfB.Rows);
    }

    [Fact]
    public async Task TeamReports_HostNamesATeam_SeesItsGapAndPicks_AnotherTeamNamingIt403()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        using (var response = await a.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)), "0.95", null))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var host = await factory.SignInAsHostAsync();
        var query = $"?team={scenario.A.Id}";

        // Act
        var gap = await host.GetJsonAsync<ApiValidationGap>($"/api/v1/competitions/{scenario.Slug}/validation-gap{query}");
        var picks = await host.GetJsonAsync<ApiFinalPicks>($"/api/v1/competitions/{scenario.Slug}/final-picks{query}");
        using var byB = await b.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/validation-gap{query}");
        using var unknown = await host.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/final-picks?team=987654");

        // Assert
        Assert.Equal(0.95, Assert.Single(gap.Rows).ValidationF1);
        Assert.Single(picks.Candidates);
        Assert.Equal(HttpStatusCode.Forbidden, byB.StatusCode);
        Assert.Contains(TeamTrustService.OtherTeamSentence, await byB.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Contains(TeamTrustService.UnknownTeamSentence, await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensemble_ValidationF1OutOfRange_400NamingTheField()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var first = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), "one");
        var second = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.7)), "two");
        var body = new { method = "hard", members = new[] { new { id = first, weight = 1.0 }, new { id = second, weight = 1.0 } }, validationF1 = 1.5 };

        // Act
        using var response = await client.PostAsJsonAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/ensembles", UriKind.Relative), body, PortalHttp.Json, Ct);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ValidationScores.F1Field, refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensemble_WithValidationNumbers_StoredOnItsRow()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var first = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), "one");
        var second = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.7)), "two");
        var body = new { method = "hard", members = new[] { new { id = first, weight = 1.0 }, new { id = second, weight = 1.0 } }, validationF1 = 0.88, validationFolds = new[] { 0.87, 0.89 } };

        // Act
        using var response = await client.PostAsJsonAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/ensembles", UriKind.Relative), body, PortalHttp.Json, Ct);
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var db = await factory.DbAsync();
        var row = await db.Submissions.SingleAsync(s => s.Id == accepted!.Id, Ct);
        Assert.Equal(0.88, row.ValidationF1);
        Assert.Equal([0.87, 0.89], row.ValidationFoldF1s);
    }
}
