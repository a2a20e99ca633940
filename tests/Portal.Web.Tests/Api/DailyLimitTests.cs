using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>The daily submission limit holds when a team's uploads arrive all at once.</summary>
[AlsoOnPostgres]
public sealed class DailyLimitTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_TwelveConcurrentUploadsWithLimitThree_AcceptsExactlyThree()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(3).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        // Twelve different files: the same file twice would be refused as a duplicate before the limit.
        var files = Enumerable.Range(0, 12).Select(i => scenario.Csv(scenario.Predict(0.5 + i * 0.02, 0.6))).ToList();

        // Act
        var responses = await Task.WhenAll(files.Select((csv, i) => client.SubmitAsync(scenario.Slug, csv, $"upload {i}")));

        // Assert
        try
        {
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
            var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            var refusal = await limited.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
            Assert.Contains("all 3 submissions", refusal!.Detail, StringComparison.Ordinal);
            Assert.Equal((429, "https://tools.ietf.org/html/rfc6585#section-4"), (refusal.Status, refusal.Type));

            await using var db = await factory.DbAsync();
            var stored = await db.Submissions.Where(s => s.TeamId == scenario.A.Id).ToListAsync(Ct);
            Assert.Equal(3, stored.Count);
            var day = Assert.Single(stored.Select(s => s.QuotaDay).Distinct());
            var quota = await db.DailyQuotas.SingleAsync(q => q.TeamId == scenario.A.Id && q.Day == day, Ct);
            Assert.Equal(3, quota.Used);
            Assert.Equal(3, factory.StoredFiles($"submissions/{scenario.CompetitionId}/{scenario.A.Id}").Count);
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
    public async Task Submit_OtherTeamAtLimit_StillAccepted()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(1).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var csv = scenario.Csv(scenario.Predict(0.5, 0.5));
        await a.SubmitAcceptedAsync(scenario.Slug, csv);

        // Act
        using var again = await a.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)));
        using var other = await b.SubmitAsync(scenario.Slug, csv);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        // The refusal says when to come back: at the next midnight of the competition's time zone, within a day.
        var retry = again.Headers.RetryAfter?.Delta;
        Assert.NotNull(retry);
        Assert.InRange(retry.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }
}
