using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.E2ETests.Support;
using Portal.Application.Access;
using Portal.Application.Demo;
using Portal.Application.Models;

namespace Portal.E2ETests;

/// <summary>The demo seeded on first run holds a model submission: the committed sample model, run on the server with hflip TTA.</summary>
[Collection(nameof(BrowserSuite))]
public sealed class DemoModelTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task DemoSeed_SampleModel_IsRunScoredAndShowsWhatHflipGained()
    {
        // Arrange
        var db = await server.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using var _ = db;
        var submission = await db.Submissions.Include(s => s.Team)
            .SingleAsync(s => s.Kind == SubmissionKind.Model && s.Team!.Name == DemoSeeder.ModelTeam, TestContext.Current.CancellationToken);

        // Act
        var run = await server.Factory.Services.GetRequiredService<ModelSubmissionService>()
            .FindRunDetailsAsync(submission.Id, new Viewer(null, IsHost: true), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(SubmissionStatus.Scored, submission.Status);
        // The sample model reaches about 0.88 macro F1 on the demo hidden set; a broken preprocessing path falls far below.
        Assert.InRange(submission.PublicScore!.Value, 0.7, 1.0);
        Assert.NotNull(run);
        var member = Assert.Single(run.Members);
        Assert.Equal(["identity", "hflip"], member.Views.Select(v => v.View));
        Assert.All(member.Views, v => Assert.InRange(v.F1.Public, 0.6, 1.0));
        Assert.Equal("hflip", run.Tta);
    }
}
