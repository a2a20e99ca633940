using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Competitions;
using Portal.Core.Randomness;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Inference.Preprocessing;
using Portal.Inference.Samples;
using Portal.Inference.Synthetic;
using Portal.Application.Competitions;
using Portal.Application.Models;
using Portal.Application.Teams;
using Portal.Application.Submissions;

namespace Portal.Application.Demo;

/// <summary>
/// On first run, makes "Mask Classification (demo)": a synthetic hidden set of faces, three teams
/// and a host baseline with scored submissions, so a newcomer sees a working leaderboard at once.
/// </summary>
public sealed partial class DemoSeeder(
    IDbContextFactory<PortalDbContext> dbFactory,
    ITemporaryFiles temporaries,
    HiddenSetImporter importer,
    HiddenSetCache hiddenSets,
    SubmissionService submissions,
    ModelSubmissionService models,
    CompetitionClock clock,
    ILogger<DemoSeeder> logger)
{
    public const string Slug = "mask-demo";

    /// <summary>The demo team whose entry is the sample ONNX model, run on the server like any upload.</summary>
    public const string ModelTeam = "Team Delta";

    /// <summary>The description of the sample model's demo submission.</summary>
    public const string ModelDescription = "Sample CNN (ONNX, 64x64, hflip TTA)";

    private static readonly DemoSubmissionPlan[] Plans =
    [
        new("Baseline", "Host baseline: ResNet-18, no augmentation", 0.35, 0.15, 0.05, 6),
        new("Team Alpha", "EfficientNet-B0 first try", 0.40, 0.20, 0.06, 6),
        new("Team Alpha", "+ age loss weights", 0.25, 0.15, 0.05, 4),
        new("Team Alpha", "+ hflip TTA, 5 folds", 0.18, 0.08, 0.03, 1, Probabilities: true),
        new("Team Beta", "ViT-S fine-tune", 0.30, 0.12, 0.04, 5),
        new("Team Beta", "ViT-S + label smoothing", 0.22, 0.10, 0.04, 2),
        new("Team Gamma", "simple CNN", 0.50, 0.25, 0.10, 5),
        new("Team Gamma", "simple CNN, longer training", 0.42, 0.20, 0.08, 3),
    ];

    /// <summary>Seeds the demo when there is no competition yet.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Competitions.AnyAsync(cancellationToken))
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.UtcNow;
        var taxonomy = ClassTaxonomy.MaskGenderAge;
        var competition = new Competition
        {
            Slug = Slug,
            Title = "Mask Classification (demo)",
            Description = Description,
            ClassNames = taxonomy.ClassNames.ToList(),
            AxesJson = CompetitionTaxonomy.AxesToJson(taxonomy),
            PublicFraction = 0.5,
            SplitSeed = 42,
            StartsAtUtc = now.Date.AddDays(-7),
            EndsAtUtc = now.Date.AddDays(30),
            TimeZone = "UTC",
            DailySubmissionLimit = 5,
            FinalSelectionLimit = 2,
            State = CompetitionState.Draft,
            CreatedAtUtc = now,
        };
        db.Competitions.Add(competition);
        await db.SaveChangesAsync(cancellationToken);

        using var scratch = temporaries.CreateFolder();
        var folder = scratch.Path;
        try
        {
            await SyntheticFaceGenerator.WriteHiddenSetAsync(folder, SyntheticFaceOptions.Default, null, cancellationToken);
            var imported = await importer.ImportFolderAsync(competition.Id, folder, moveFiles: true, cancellationToken);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException("The demo hidden set could not be imported: " + string.Join("; ", imported.Sentences));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var hidden = await hiddenSets.GetAsync(competition.Id) ?? throw new InvalidOperationException("The demo hidden set is missing.");
        competition.State = CompetitionState.Open;
        var teams = Plans.Select(p => p.Team).Distinct().ToDictionary(name => name, name => new Team
        {
            CompetitionId = competition.Id,
            Name = name,
            InviteCode = TeamTokens.NewInviteCode(),
            IsBaseline = name == "Baseline",
            CreatedAtUtc = now.AddDays(-7),
        });
        db.Teams.AddRange(teams.Values);
        await db.SaveChangesAsync(cancellationToken);

        // The history goes in through the same intake as any upload (checked, slotted and scored in one transaction),
        // dated on the days the plan says.
        for (var i = 0; i < Plans.Length; i++)
        {
            var plan = Plans[i];
            var predictions = Predict(hidden.Truth, taxonomy, plan, seed: (ulong)i + 1);
            using var csv = new MemoryStream();
            PredictionCsvWriter.Write(csv, hidden.Truth.Images, predictions, plan.Probabilities ? SubmissionFormat.Probabilities : SubmissionFormat.Labels);
            csv.Position = 0;
            var created = now.Date.AddDays(-plan.DaysAgo).AddHours(9 + i);
            var outcome = await submissions.RecordCsvAsync(competition, teams[plan.Team].Id, csv, $"submission-{i + 1}.csv", plan.Description, created, cancellationToken);
            if (!outcome.Accepted)
            {
                throw new InvalidOperationException($"The demo submission {i + 1} was refused: {outcome.Error} {string.Join(" ", outcome.Problems.Select(p => p.Message))}");
            }
        }

        await SubmitSampleModelAsync(competition, now, db, cancellationToken);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogSeeded(hidden.Truth.Count, Plans.Length, seconds);
    }

    /// <summary>
    /// Submits the committed sample model for <see cref="ModelTeam"/> through the same path as a browser upload, so the
    /// demo has a model run (queued now, run by the job worker with hflip TTA) with its per-view scores.
    /// </summary>
    private async Task SubmitSampleModelAsync(Competition competition, DateTime now, PortalDbContext db, CancellationToken cancellationToken)
    {
        var team = new Team
        {
            CompetitionId = competition.Id,
            Name = ModelTeam,
            InviteCode = TeamTokens.NewInviteCode(),
            CreatedAtUtc = now.AddDays(-1),
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);

        var bytes = SampleModel.ReadBytes();
        var preprocess = SampleModel.Preprocess;
        var settings = new ModelSettingsInput
        {
            Width = preprocess.Width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Height = preprocess.Height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Resize = preprocess.Resize == ResizeMode.Crop ? "crop" : "stretch",
            Channels = preprocess.Channels == ChannelOrder.Bgr ? "bgr" : "rgb",
            Tta = "hflip",
            Merge = "mean",
        };
        var upload = new ModelUpload(SampleModel.FileName, bytes.Length, () => new MemoryStream(bytes, writable: false));
        var outcome = await models.SubmitAsync(competition, team.Id, null, [upload], settings, ModelDescription, cancellationToken: cancellationToken);
        if (!outcome.Accepted)
        {
            LogSampleModelRefused(string.Join(" ", [outcome.Error, .. outcome.Problems.Select(p => p.Message)]));
        }
    }

    /// <summary>The truth with deterministic, attribute-shaped mistakes.</summary>
    private static Predictions Predict(GroundTruth truth, ClassTaxonomy taxonomy, DemoSubmissionPlan plan, ulong seed)
    {
        var rng = new DeterministicRandom(seed * 7919);
        var labels = new byte[truth.Count];
        Span<int> values = stackalloc int[3];
        for (var i = 0; i < truth.Count; i++)
        {
            var c = truth.Labels[i];
            values[0] = taxonomy.ValueOf(0, c);
            values[1] = taxonomy.ValueOf(1, c);
            values[2] = taxonomy.ValueOf(2, c);
            if (rng.NextDouble() < plan.MaskError)
            {
                values[0] = (values[0] + 1 + rng.NextInt(2)) % 3;
            }

            if (rng.NextDouble() < plan.GenderError)
            {
                values[1] = 1 - values[1];
            }

            if (rng.NextDouble() < plan.AgeError)
            {
                // Age mistakes go to the neighbouring group, as they do for real models.
                values[2] = values[2] == 1 ? (rng.NextInt(2) == 0 ? 0 : 2) : 1;
            }

            labels[i] = (byte)taxonomy.Compose(values);
        }

        if (!plan.Probabilities)
        {
            return new Predictions(labels, taxonomy.Count);
        }

        var probabilities = new float[truth.Count * taxonomy.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            var row = probabilities.AsSpan(i * taxonomy.Count, taxonomy.Count);
            var confidence = 0.5f + (float)rng.NextDouble() * 0.4f;
            row.Fill((1 - confidence) / (taxonomy.Count - 1));
            row[labels[i]] = confidence;
        }

        return Predictions.FromProbabilities(probabilities, taxonomy.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo's sample model submission was refused: {Reason}")]
    private partial void LogSampleModelRefused(string reason);

    private const string Description = """
        ## Mask Classification (demo)

        Classify each face photo into one of **18 classes**: whether the mask is worn correctly,
        worn incorrectly or not worn, the person's gender, and their age group (under 30, 30 to 59, 60 and over):
        `class = mask * 6 + gender * 3 + age`.

        The test images were drawn by Portal itself (synthetic faces), so this demo runs anywhere.
        Submissions are scored by **macro F1** over all 18 classes. Half of the test images score the
        public board; the other half decide the private board, revealed when the competition closes.

        Try it: sign up, create a team, download the [sample submission](api/v1/competitions/mask-demo/sample-submission)
        (every test image, all class 0), change some answers and submit it.
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo competition: {Images} images, {Submissions} submissions in {Seconds:0.0} s")]
    private partial void LogSeeded(int images, int submissions, double seconds);
}
