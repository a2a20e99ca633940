using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Trust;

/// <summary>
/// With real rows in them (validation numbers sent, three scored submissions), the team's validation gap and final picks
/// hold no private score, no hidden image id and no per-image property during the competition.
/// </summary>
public sealed class TrustLeakTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] ForbiddenProperties = ["labels", "label", "truth", "ans", "predictions", "probabilities", "correct", "perImage", "imageIds", "confusion", "perClass"];

    [Fact]
    public async Task TrustEndpointsAndPage_DuringCompetition_HoldNoPrivateScoreOrImageData()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        foreach (var (predicted, f1) in new[] { (scenario.Predict(0.9, 0.35), "0.99"), (scenario.Predict(0.85, 0.4), "0.9"), (scenario.Predict(0.3, 0.8), "0.5") })
        {
            using var response = await token.SubmitWithValidationAsync(scenario.Slug, scenario.Csv(predicted), f1, "0.5,0.6,0.55");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await using var db = await factory.DbAsync();
        var privateScores = await db.Submissions.Where(s => s.TeamId == scenario.A.Id).Select(s => s.PrivateScore!.Value).ToListAsync(TestContext.Current.CancellationToken);

        // Act
        var gap = await token.GetTextAsync($"/api/v1/competitions/{scenario.Slug}/validation-gap");
        var picks = await token.GetTextAsync($"/api/v1/competitions/{scenario.Slug}/final-picks");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        Assert.Contains("data-testid=\"validation-gap-row\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"final-suggestion\"", page, StringComparison.Ordinal);
        foreach (var body in new[] { gap, picks, page })
        {
            foreach (var score in privateScores)
            {
                Assert.DoesNotContain(score.ToString("R", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(scenario.ImageIds, id => body.Contains(id, StringComparison.Ordinal));
        }

        foreach (var json in new[] { gap, picks })
        {
            using var document = JsonDocument.Parse(json);
            AssertNoForbiddenProperty(document.RootElement);
        }
    }

    private static void AssertNoForbiddenProperty(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Assert.DoesNotContain(property.Name, ForbiddenProperties, StringComparer.OrdinalIgnoreCase);
                AssertNoForbiddenProperty(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                AssertNoForbiddenProperty(item);
            }
        }
    }
}
