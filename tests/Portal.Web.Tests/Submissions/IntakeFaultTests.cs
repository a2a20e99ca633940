using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Submissions.Intake;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Submissions;

/// <summary>An intake that a test can stop after any step of its transaction, as a crash there would.</summary>
public sealed class FaultyIntake : IntakeFaults
{
    public IntakeStep? FailAfter { get; set; }

    public override ValueTask AfterAsync(IntakeStep completed) =>
        completed == FailAfter ? throw new IOException($"Injected fault after {completed}.") : ValueTask.CompletedTask;
}

/// <summary>The portal with <see cref="FaultyIntake"/> in place of the no-op seam.</summary>
public sealed class FaultyIntakeFactory : PortalFactory
{
    public FaultyIntake Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Inference:Provider", "Cpu");
        builder.ConfigureTestServices(services => services.AddSingleton<IntakeFaults>(Faults));
    }
}

/// <summary>
/// Every kind of submission enters through one intake whose slot, row and job are one transaction: stopped after any
/// step, it leaves nothing (no row, no job, no slot, no stored file), and the slots used equal the submissions stored.
/// </summary>
public sealed class IntakeFaultTests(FaultyIntakeFactory factory) : IClassFixture<FaultyIntakeFactory>
{
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<IntakeStep> Steps => [IntakeStep.SlotTaken, IntakeStep.RowWritten, IntakeStep.JobWritten];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task SubmitCsv_StoppedAfterAStep_LeavesNothingAndTheNextUploadCountsOnce(IntakeStep step)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = scenario.Csv(scenario.Predict(0.8, 0.6));
        factory.Faults.FailAfter = step;

        // Act
        HttpStatusCode stopped;
        try
        {
            using var response = await client.SubmitAsync(scenario.Slug, csv);
            stopped = response.StatusCode;
        }
        finally
        {
            factory.Faults.FailAfter = null;
        }

        // Assert: nothing of the stopped upload is left.
        Assert.Equal(HttpStatusCode.InternalServerError, stopped);
        await AssertLeftAsync(scenario, submissions: 0);
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));

        // And the same upload goes through afterwards, counted once.
        var id = await client.SubmitAcceptedAsync(scenario.Slug, csv);
        Assert.Equal("Scored", (await client.WaitUntilDoneAsync(id)).Status);
        await AssertLeftAsync(scenario, submissions: 1);
    }

    [Fact]
    public async Task SubmitModel_StoppedAfterItsRow_LeavesNothing()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        factory.Faults.FailAfter = IntakeStep.RowWritten;
        try
        {
            using var response = await client.SubmitModelAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            factory.Faults.FailAfter = null;
        }

        await AssertLeftAsync(scenario, submissions: 0);
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
    }

    [Fact]
    public async Task BuildEnsemble_StoppedAfterItsJob_LeavesOnlyItsMembers()
    {
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(10).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var a = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
        var b = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        await client.WaitUntilDoneAsync(a);
        await client.WaitUntilDoneAsync(b);
        factory.Faults.FailAfter = IntakeStep.JobWritten;
        try
        {
            using var response = await client.PostEnsembleAsync(scenario.Slug, "hard", (a, 1), (b, 1));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            factory.Faults.FailAfter = null;
        }

        await AssertLeftAsync(scenario, submissions: 2);
    }

    /// <summary>Rows, jobs and slots of team A agree: <paramref name="submissions"/> of each.</summary>
    private async Task AssertLeftAsync(Scenario scenario, int submissions)
    {
        await using var db = await factory.DbAsync();
        Assert.Equal(submissions, await db.Submissions.CountAsync(s => s.TeamId == scenario.A.Id, Ct));
        Assert.Equal(submissions, await db.Jobs.CountAsync(j => j.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Equal(submissions, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }
}
