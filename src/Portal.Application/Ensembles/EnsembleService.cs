using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Comparison;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Jobs;
using Portal.Application.Submissions.Intake;
using Portal.Application.Trust;

namespace Portal.Application.Ensembles;

/// <summary>
/// Ensembles of one team's scored submissions: checks a request, takes a slot of the daily limit (an
/// ensemble counts like any submission) and queues a BuildEnsemble job that combines, stores and scores it.
/// </summary>
public sealed partial class EnsembleService(
    IDbContextFactory<PortalDbContext> dbFactory,
    HiddenSetCache hiddenSets,
    SubmissionIntake intake,
    IOptions<EnsembleOptions> options,
    ILogger<EnsembleService> logger)
{

    /// <summary>The scored submissions of <paramref name="teamId"/> the viewer may combine, newest first.</summary>
    public async Task<IReadOnlyList<ManyComparisonMember>> CandidatesAsync(int teamId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await TeamAccess.MayOpenAsync(db, teamId, viewer, cancellationToken))
        {
            return [];
        }

        var competition = await db.Teams.Where(t => t.Id == teamId).Select(t => t.Competition!).AsNoTracking().FirstAsync(cancellationToken);
        var rows = await db.Submissions.AsNoTracking().Include(s => s.Team)
            .Where(s => s.TeamId == teamId && s.Status == SubmissionStatus.Scored)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(s => new ManyComparisonMember(SubmissionService.View(s, competition, viewer), !string.IsNullOrEmpty(s.ProbabilitiesKey), null)).ToList();
    }

    /// <summary>The team of competition <paramref name="competitionId"/> whose submissions <paramref name="ids"/> are, when the viewer may see them all; else null.</summary>
    public async Task<int?> TeamOfAsync(int competitionId, IReadOnlyList<int> ids, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Submissions.Where(s => ids.Contains(s.Id) && s.CompetitionId == competitionId).Select(s => s.TeamId).Distinct().ToListAsync(cancellationToken);
        return teams.Count == 1 && await TeamAccess.MayOpenAsync(db, teams[0], viewer, cancellationToken) ? teams[0] : null;
    }

    /// <summary>
    /// Checks <paramref name="request"/> for <paramref name="competition"/> and queues the ensemble; refused
    /// (with the reason in a sentence) when the input is wrong, the limit is reached or the competition is closed.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Competition competition, EnsembleRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if ((await intake.OpenForSubmissionsAsync(competition)).Refusal is { } refused)
        {
            return refused;
        }

        if (!ValidationScores.TryCreate(request.ValidationF1, request.ValidationFolds, out var validation, out var wrongValidation))
        {
            return Invalid(wrongValidation!);
        }

        if (EnsembleMethods.Parse(request.Method) is not { } method)
        {
            return Invalid($"'{request.Method}' is not a voting method; use hard, soft or gmean.");
        }

        var members = request.Members ?? [];
        if (members.Count < 2)
        {
            return Invalid("An ensemble needs at least two submissions.");
        }

        if (members.Count > options.Value.MaxMembers)
        {
            return Invalid($"An ensemble may combine at most {options.Value.MaxMembers} submissions; this one has {members.Count}.");
        }

        if (members.FirstOrDefault(m => !double.IsFinite(m.Weight) || m.Weight < 0) is { } badWeight)
        {
            return Invalid($"The weight of submission #{badWeight.Id} must be a number of 0 or more.");
        }

        if (members.All(m => m.Weight == 0))
        {
            return Invalid("At least one weight must be above 0.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var selection = await SubmissionSelection.LoadAsync(db, hiddenSets, competition.Id, members.Select(m => m.Id).ToList(), viewer, cancellationToken);
        if (selection.Error is not null)
        {
            return Invalid(selection.Error);
        }

        var teamId = selection.Submissions[0].TeamId;
        if (selection.Submissions.Any(s => s.TeamId != teamId) || (viewer.TokenTeamId is int tokenTeam && tokenTeam != teamId))
        {
            return Invalid("All members must be submissions of one team: yours.");
        }

        if (method != Core.Ensembles.EnsembleMethod.Hard && selection.Submissions.FirstOrDefault(s => string.IsNullOrEmpty(s.ProbabilitiesKey)) is { } labelsOnly)
        {
            return Invalid($"Submission #{labelsOnly.Id}{Quoted(labelsOnly.Description)} has labels only; {EnsembleMethods.Words(method)} needs probabilities for every member. Use hard voting, or leave it out.");
        }

        var description = string.IsNullOrWhiteSpace(request.Description)
            ? $"Ensemble ({EnsembleMethods.Name(method)}) of {string.Join(", ", members.Select(m => members.All(x => x.Weight == members[0].Weight) ? $"#{m.Id}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{m.Id}×{m.Weight:0.###}")))}"
            : request.Description.Trim();
        var recipe = new EnsembleRecipe(method, members.ToList()).ToJson();
        var outcome = await intake.AcceptAsync(competition, teamId, viewer.UserId,
            new IntakeEntry(SubmissionKind.Ensemble, description, "ensemble.csv", null, 0, EnsembleRecipe.Fingerprint(method, members), new QueueJob(JobKind.BuildEnsemble, recipe))
            {
                Validation = validation,
            },
            cancellationToken);
        if (outcome.SubmissionId is { } id)
        {
            LogQueued(id, teamId, method, members.Count);
        }

        return outcome;

        static SubmitOutcome Invalid(string error) => SubmitOutcome.Refused(RefusalReason.InvalidFile, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ensemble {SubmissionId} of team {TeamId} queued: {Method} over {Members} submissions")]
    private partial void LogQueued(int submissionId, int teamId, Core.Ensembles.EnsembleMethod method, int members);

    private static string Quoted(string description) => string.IsNullOrWhiteSpace(description) ? "" : $" (“{description}”)";
}
