using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Application.TrainingRuns;
using Portal.Core.Competitions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.TrainingRuns.Tests.Fixtures;
using Portal.Web.Components.Shared;
using Portal.Web.Components.Shared.Charts;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>The training-runs panel of the Submissions page over a real <see cref="TrainingRunService"/> on a database of its own.</summary>
public sealed class TrainingRunsPanelTests : PortalComponentTest, IAsyncLifetime, IClassFixture<TeamDatabaseFixture>
{
    private Competition _competition = default!;
    private Team _team = default!;
    private int _first;
    private int _second;

    public TrainingRunsPanelTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ITemporaryFiles>(new TemporaryFiles(Path.Combine(database.Store.DataDirectory, "tmp")));
        Services.AddSingleton(Options.Create(new TrainingRunOptions()));
        Services.AddSingleton<ILogger<TrainingRunService>>(NullLogger<TrainingRunService>.Instance);
        Services.AddSingleton<TrainingRunService>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Viewer TeamViewer => new(null, false, _team.Id);

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var slug = "runs-" + Guid.NewGuid().ToString("N")[..8];
        _competition = new Competition
        {
            Slug = slug,
            Title = "Masks",
            ClassNames = ClassTaxonomy.MaskGenderAge.ClassNames.ToList(),
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10),
            DailySubmissionLimit = 5,
            State = CompetitionState.Open,
            CreatedAtUtc = DateTime.UtcNow,
        };
        db.Competitions.Add(_competition);
        await db.SaveChangesAsync(Ct);
        _team = new Team { CompetitionId = _competition.Id, Name = "Team " + slug, InviteCode = slug };
        db.Teams.Add(_team);
        await db.SaveChangesAsync(Ct);
        var first = Submission("baseline", 0.7123, -2);
        var second = Submission("stronger augmentation", 0.7456, -1);
        db.Submissions.AddRange(first, second);
        await db.SaveChangesAsync(Ct);
        _first = first.Id;
        _second = second.Id;

        var runs = Services.GetRequiredService<TrainingRunService>();
        await UploadAsync(runs, _first, seed: 1, "optimizer:\n  lr: 0.001\nepochs: 30\n");
        await UploadAsync(runs, _second, seed: 2, "optimizer:\n  lr: 0.0005\nepochs: 30\n");
    }

    [Fact]
    public async Task Panel_TwoRuns_ShowsValidationF1BesideThePublicScoreCurvesPerTagAndWhatChanged()
    {
        // Arrange
        var run = await Services.GetRequiredService<TrainingRunService>().FindAsync(_second, TeamViewer, Ct);
        var context = new CompetitionContext(_competition, TeamViewer, null);

        // Act
        var cut = Render<TrainingRunsPanel>(p => p.Add(c => c.Context, context));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=run-row]").Count));
        var row = cut.Find($"[data-testid=run-row][data-submission=\"{_second}\"]");
        Assert.Contains("0.7456", row.QuerySelector("[data-testid=run-public]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Format(run!.ValidationF1Last), row.QuerySelector("[data-testid=run-last]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Format(run.ValidationF1Best), row.QuerySelector("[data-testid=run-best]")!.TextContent, StringComparison.Ordinal);
        var charts = cut.FindAll("[data-testid=training-curves]").Select(c => c.GetAttribute("data-tag")).ToList();
        Assert.Equal(["lr", "train/loss", "val/f1", "val/loss"], charts);
        var settings = cut.FindAll("[data-testid=setting-row]").Select(r => r.TextContent).ToList();
        var changed = Assert.Single(settings, s => s.Contains("optimizer.lr", StringComparison.Ordinal));
        Assert.Contains("0.001", changed, StringComparison.Ordinal);
        Assert.Contains("0.0005", changed, StringComparison.Ordinal);
        Assert.DoesNotContain(settings, s => s.Contains("epochs", StringComparison.Ordinal));
    }

    [Fact]
    public void Panel_BadFileChosen_SaysWhyAndStoresNothing()
    {
        // Arrange
        var context = new CompetitionContext(_competition, TeamViewer, null);
        var cut = Render<TrainingRunsPanel>(p => p.Add(c => c.Context, context));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=run-row]").Count));

        // Act
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary("not a tfrecord at all"u8.ToArray(), "events.out.tfevents.1.host"));
        cut.Find("[data-testid=run-upload-button]").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("events.out.tfevents.1.host", cut.Find("[data-testid=run-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=run-row]").Count);
    }

    [Fact]
    public void Panel_UploadStopsWithAServerPathInItsError_SaysItStoppedNamingTheFileAndNoServerPath()
    {
        // Arrange: the browser's stream fails the way a full disk or a dropped circuit does, with a path in its text.
        var context = new CompetitionContext(_competition, TeamViewer, null);
        var cut = Render<TrainingRunsPanel>(p => p.Add(c => c.Context, context));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=run-row]").Count));
        var upload = cut.FindComponent<MudBlazor.MudFileUpload<IReadOnlyList<IBrowserFile>>>();
        IReadOnlyList<IBrowserFile> picked = [new FailingBrowserFile("history.csv", 2_000, "No space left on device : '/srv/portal/data/tmp/5f1c.tmp'")];

        // Act
        cut.InvokeAsync(() => upload.Instance.FilesChanged.InvokeAsync(picked));
        cut.Find("[data-testid=run-upload-button]").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("'history.csv' stopped", cut.Find("[data-testid=run-error]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("/srv", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=run-row]").Count);
    }

    [Fact]
    public void UploadStopped_FileOverTheLimit_SaysItsSizeAndTheLimit()
    {
        // Arrange
        var file = new FailingBrowserFile("runs.zip", 300L * 1024 * 1024, "Supplied file with size 314572800 bytes exceeds the maximum of 268435456 bytes.");

        // Act
        var sentence = TrainingRunsPanel.UploadStopped(file, 256L * 1024 * 1024);

        // Assert
        Assert.Equal("'runs.zip' is 300 MiB, larger than the limit of 256 MiB for a training run; nothing was stored.", sentence);
    }

    /// <summary>A browser file whose stream fails at once with <paramref name="why"/>.</summary>
    private sealed class FailingBrowserFile(string name, long size, string why) : IBrowserFile
    {
        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => size;

        public string ContentType => "application/octet-stream";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => throw new IOException(why);
    }

    [Fact]
    public void Panel_TwoRunsOfThreeFolds_DrawsEachFoldOfEachRunAsItsOwnLineOverlaid()
    {
        // Arrange
        var context = new CompetitionContext(_competition, TeamViewer, null);

        // Act
        var cut = Render<TrainingRunsPanel>(p => p.Add(c => c.Context, context));

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<TrainingCurvesChart>()));
        var f1 = Assert.Single(cut.FindComponents<TrainingCurvesChart>(), c => c.Instance.Tag == "val/f1").Instance;
        string[] expected = [.. new[] { _first, _second }.Order().SelectMany(id => new[] { $"#{id} fold_0", $"#{id} fold_1", $"#{id} fold_2" })];
        Assert.Equal(expected, f1.Curves.Select(c => c.Name));
        Assert.All(f1.Curves, c => Assert.Equal(4, c.Steps.Length));
    }

    [Fact]
    public async Task Panel_HundredThousandPointSeries_ChartIsSentAThinnedCurveAndTheTableTheFullSeriesValues()
    {
        // Arrange: a history of 100,000 steps whose best F1 is one spike and whose last value is not the best.
        var rows = new System.Text.StringBuilder("_step,val_f1\n");
        for (var i = 0; i < 100_000; i++)
        {
            var f1 = i == 61_234 ? 0.9876 : i == 99_999 ? 0.7001 : 0.5 + (0.2 * i / 100_000.0);
            rows.Append(CultureInfo.InvariantCulture, $"{i},{f1}\n");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(rows.ToString());
        var outcome = await Services.GetRequiredService<TrainingRunService>().UploadAsync(
            _first, [new TrainingRunUpload("history.csv", bytes.Length, () => new MemoryStream(bytes, writable: false))], null, TeamViewer, Ct);
        Assert.True(outcome.Run is not null, outcome.Error);
        var context = new CompetitionContext(_competition, TeamViewer, null);

        // Act
        var cut = Render<TrainingRunsPanel>(p => p.Add(c => c.Context, context));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains(cut.FindComponents<TrainingCurvesChart>(), c => c.Instance.Tag == "val_f1"));
        var curve = Assert.Single(Assert.Single(cut.FindComponents<TrainingCurvesChart>(), c => c.Instance.Tag == "val_f1").Instance.Curves);
        Assert.InRange(curve.Steps.Length, 2, new TrainingRunOptions().MaxChartPoints);
        Assert.Equal(0.9876, curve.Values.Max());
        Assert.Equal((99_999L, 0.7001), (curve.Steps[^1], curve.Values[^1]));
        var row = cut.Find($"[data-testid=run-row][data-submission=\"{_first}\"]");
        Assert.Contains("0.7001", row.QuerySelector("[data-testid=run-last]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("0.9876", row.QuerySelector("[data-testid=run-best]")!.TextContent, StringComparison.Ordinal);
    }

    private static string Format(double? value) => value!.Value.ToString("0.0000", CultureInfo.InvariantCulture);

    private Submission Submission(string description, double score, int days) => new()
    {
        CompetitionId = _competition.Id,
        TeamId = _team.Id,
        Kind = SubmissionKind.LabelsCsv,
        Description = description,
        Status = SubmissionStatus.Scored,
        FileName = "predictions.csv",
        QuotaDay = "2026-12-01",
        CreatedAtUtc = DateTime.UtcNow.AddDays(days),
        PublicScore = score,
    };

    private async Task UploadAsync(TrainingRunService runs, int submission, int seed, string config)
    {
        var (folder, _) = TrainingRunHttp.WriteFolds(folds: 3, steps: 20, seed: seed);
        var read = TrainingRunHttp.FilesOf(folder);
        Directory.Delete(folder, recursive: true);
        var files = read.Append(("config.yaml", System.Text.Encoding.UTF8.GetBytes(config)))
            .Select(f => new TrainingRunUpload(f.Item1, f.Item2.Length, () => new MemoryStream(f.Item2, writable: false)))
            .ToList();
        var outcome = await runs.UploadAsync(submission, files, null, TeamViewer, Ct);
        Assert.True(outcome.Run is not null, outcome.Error);
    }
}
