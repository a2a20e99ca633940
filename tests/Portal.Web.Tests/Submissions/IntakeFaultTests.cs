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
/// Every kind of submission enters through one intake whose slot, row and job (or scores) are one transaction: stopped
/// after any step, it leaves nothing (no row, no job, no slot, no stored file or kept predictions), and the slots used
/// equal the submissions stored.
/// </summary>
[AlsoOnPostgres]
public sealed class IntakeFaultTests(FaultyIntakeFactory factory) : IClassFixture<FaultyIntakeFactory>
{
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The steps of a CSV's intake: it has no job, its row is written scored.</summary>
    public static TheoryData<IntakeStep> CsvSteps => [IntakeStep.SlotTaken, IntakeStep.RowWritten];

    [Theory]
    [MemberData(nameof(CsvSteps))]
    public async Task SubmitCsv_StoppedAfterAStep_LeavesNothingAndTheNextUploadCountsOnce(IntakeStep step)
    {
        // Arrange: probabilities, so the upload keeps a predictions blob too.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, EnsembleHttp.Probabilities(scenario.Predict(0.8, 0.6), Classes, seed: 3), Classes);
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
        await AssertLeftAsync(scenario, submissions: 0, jobs: 0);
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
        Assert.Empty(factory.StoredFiles($"predictions/{scenario.CompetitionId}"));

        // And the same upload goes through afterwards (not a duplicate of the stopped one), counted once, scored in
        // its request: no job.
        var id = await client.SubmitAcceptedAsync(scenario.Slug, csv);
        Assert.Equal("scored", (await client.GetJsonAsync<Portal.Web.Api.ApiSubmission>($"/api/v1/submissions/{id}")).Status);
        await AssertLeftAsync(scenario, submissions: 1, jobs: 0);
        Assert.Single(factory.StoredFiles($"predictions/{scenario.CompetitionId}"));
    }

    /// <summary>The steps of a model's intake.</summary>
    public static TheoryData<IntakeStep> JobSteps => [IntakeStep.RowWritten, IntakeStep.JobWritten];

    [Theory]
    [MemberData(nameof(JobSteps))]
    public async Task SubmitModel_StoppedAfterAStep_LeavesNothing(IntakeStep step)
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        factory.Faults.FailAfter = step;
        try
        {
            using var response = await client.SubmitModelAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            factory.Faults.FailAfter = null;
        }

        await AssertLeftAsync(scenario, submissions: 0, jobs: 0);
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

        await AssertLeftAsync(scenario, submissions: 2, jobs: 0);
    }

    /// <summary>Team A has <paramref name="submissions"/> rows and as many slots used; the competition has <paramref name="jobs"/> jobs.</summary>
    private async Task AssertLeftAsync(Scenario scenario, int submissions, int jobs)
    {
        await using var db = await factory.DbAsync();
        Assert.Equal(submissions, await db.Submissions.CountAsync(s => s.TeamId == scenario.A.Id, Ct));
        Assert.Equal(jobs, await db.Jobs.CountAsync(j => j.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Equal(submissions, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }
}
