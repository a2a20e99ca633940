using System.Net;
using Portal.ClusterTests.Support;

namespace Portal.ClusterTests;

/// <summary>What one web instance writes, the other serves at once: a submission on the board, a sign-in.</summary>
[Collection(nameof(ClusterSuite))]
public sealed class SharedStateTests(PortalCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_SubmittedThroughWeb1_IsOnWeb2sBoardAtOnce()
    {
        // Arrange
        cluster.SkipWhenUnavailable();
        var scenario = await cluster.ScenarioAsync();
        var team = scenario.Teams[0];
        using var web1 = PortalCluster.Client(cluster.Web1, team.Token);
        using var web2 = PortalCluster.Client(cluster.Web2, team.Token);

        // Act: one read on web2 right after web1's answer, no waiting.
        var accepted = await web1.SubmitAcceptedCsvAsync(scenario.Slug, scenario.Csv(0.2, seed: 1));
        var board = await web2.LeaderboardAsync(scenario.Slug);
        var submission = await web2.SubmissionAsync(accepted.Id);

        // Assert
        var row = Assert.Single(board.Rows, r => r.Team == team.Name);
        Assert.Equal(accepted.PublicScore!.Value, row.Score, 12);
        Assert.Equal(1, row.Entries);
        Assert.Equal("scored", submission.Status, ignoreCase: true);
        Assert.Equal(accepted.PublicScore.Value, submission.PublicScore!.Value, 12);
    }

    [Fact]
    public async Task SignIn_OnWeb1_IsValidOnWeb2()
    {
        // Arrange: the host page turns an anonymous visitor away to the login.
        cluster.SkipWhenUnavailable();
        var cookies = new CookieContainer();
        using var web1 = PortalCluster.Client(cluster.Web1, cookies: cookies);
        using var web2 = PortalCluster.Client(cluster.Web2, cookies: cookies);
        using (var anonymous = await web2.GetAsync(new Uri("admin", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        }

        // Act: signed in on web1 (its login form and its cookie); the same cookie sent to web2.
        await web1.SignInAsync(PortalCluster.HostEmail, PortalCluster.HostPassword);
        using var onWeb2 = await web2.GetAsync(new Uri("admin", UriKind.Relative), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, onWeb2.StatusCode);
        var page = await onWeb2.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"admin-competitions\"", page, StringComparison.Ordinal);
        Assert.Contains(PortalCluster.HostEmail, page, StringComparison.OrdinalIgnoreCase);
    }
}
