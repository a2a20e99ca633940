using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Competitions;

/// <summary>A competition page at an address with no competition (or one the viewer may not see) is a 404, not a 200 with a warning.</summary>
public sealed class CompetitionPageNotFoundTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("/leaderboard")]
    [InlineData("/submissions")]
    public async Task CompetitionPage_NoSuchCompetition_Is404WithTheNotFoundPage(string tab)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.Anonymous();

        // Act
        using var missing = await client.GetPathAsync($"/c/no-such-competition{tab}");
        using var existing = await client.GetPathAsync($"/c/{scenario.Slug}{tab}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is nothing at this address", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
    }
}
