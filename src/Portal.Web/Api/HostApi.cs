using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Application;
using Portal.Application.Access;
using Portal.Application.Admin;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Core.Submissions;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>
/// The host API under <c>/api/v1</c>: what course staff script (create a competition, put its hidden set in, open, close,
/// reopen, rescore, list teams and submissions, set a team's daily limit), for a host API token (<c>ph_...</c>) or a
/// host's signed-in browser; writes from a browser also need the page's antiforgery token.
/// </summary>
public static class HostApi
{
    /// <summary>Maps the host endpoints under <c>/api/v1</c>.</summary>
    public static RouteGroupBuilder MapHostApi(this RouteGroupBuilder v1, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(v1);
        ArgumentNullException.ThrowIfNull(services);
        var host = v1.MapGroup("").RequireAuthorization(Policies.HostApi);
        var writes = host.MapGroup("").AddEndpointFilter<CookieCallsNeedAntiforgery>().DisableAntiforgery();
        writes.MapPost("/competitions", CreateAsync)
            .Produces<ApiCompetition>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Creates a draft competition from its settings (JSON: slug, title, description, classNames (one per line; empty for the " +
                "built-in 18 mask/gender/age classes), maskAxes, publicFraction, splitSeed, startsAtUtc, endsAtUtc, timeZone, dailySubmissionLimit, " +
                "finalSelectionLimit, showPublicPerClass). 201 with the competition; 400 with the reason.");
        writes.MapPut("/competitions/{slug}/hidden-set", UploadHiddenSetAsync)
            .Produces<ApiHiddenSetImported>().Produces<ApiRefusal>(StatusCodes.Status400BadRequest, ApiProblems.ContentType).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Accepts<Stream>("application/zip")
            .WithMetadata(new RequestSizeLimitAttribute(services.GetRequiredService<IOptions<PortalOptions>>().Value.MaxHiddenSetBytes))
            .WithDescription("Puts the hidden set in: the request body is a zip holding info.csv (ImageID,ans) and the images (`curl -T set.zip`). " +
                "The body is streamed to disk, never held in memory; once it has all arrived it is checked and imported even if the caller goes away. " +
                "200 with the image count; 400 listing every problem, each with its info.csv `line` where it is about one (nothing is changed); 413 over Portal:MaxHiddenSetBytes. " +
                "A dropped upload leaves nothing behind.");
        writes.MapPost("/competitions/{slug}/hidden-set/import", ImportHiddenSetFolderAsync)
            .Produces<ApiHiddenSetImported>().Produces<ApiRefusal>(StatusCodes.Status400BadRequest, ApiProblems.ContentType).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Imports the hidden set from a folder on the server (JSON: {\"folder\": \"/srv/eval\"}), for sets too large to upload; the folder is copied, not moved.");
        writes.MapPost("/competitions/{slug}/open", OpenAsync)
            .Produces<ApiCompetition>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Opens a draft competition (or reopens a closed one): the public board shows and submissions are taken within its dates. 409 without a hidden set.");
        writes.MapPost("/competitions/{slug}/reopen", ReopenAsync)
            .Produces<ApiCompetition>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Reopens a closed competition; 409 when it is not closed.");
        writes.MapPost("/competitions/{slug}/close", CloseAsync)
            .Produces<ApiCompetition>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Closes the competition: no more submissions; the private board and private scores are revealed.");
        writes.MapPost("/competitions/{slug}/rescore", RescoreAsync)
            .Produces<ApiRescoreQueued>(StatusCodes.Status202Accepted)
            .WithDescription("Queues a rescore of every scored submission; 202 with how many.");
        writes.MapPut("/competitions/{slug}/teams/{teamId:int}/daily-limit", SetDailyLimitAsync)
            .Produces<ApiTeam>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Sets a team's own daily submission limit (JSON: {\"limit\": 10}; 0 stops its submissions; null follows the competition's).");
        writes.MapPost("/competitions/{slug}/teams", CreateTeamAsync)
            .Produces<ApiCreatedTeam>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Creates a team with no members (a roster made by script; JSON: {\"name\": \"Team 7\"}): 201 with its invite code " +
                "(students join with it in the browser) and its API token (it submits without a browser), shown once. 409 when the name is taken.");
        writes.MapPost("/competitions/{slug}/teams/{teamId:int}/token", RotateTeamTokenAsync)
            .Produces<ApiTeamToken>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Replaces a team's API token (the old one stops working at once): 200 with the new one, shown once; 409 for the baseline team.");
        writes.MapPost("/jobs/{id:long}/cancel", CancelJobAsync)
            .Produces<ApiJob>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Cancels a waiting or running model run (the only jobs the queue lets a host cancel); 409 for any other job or one already finished.");
        host.MapGet("/jobs", JobsAsync)
            .Produces<ApiJobPage>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithDescription("The background jobs of every competition, newest first (hosts only): ?state=queued|running|succeeded|failed|cancelled, " +
                "?kind=scoreSubmission|runModel|buildEnsemble|rescoreCompetition, ?page=1, ?pageSize=50 (HostViews:MaxPageSize at most).");
        host.MapGet("/competitions/{slug}/teams", TeamsAsync)
            .WithDescription("Every team with its members, submissions, best public macro F1, invite code and daily limit (hosts only).");
        return v1;
    }

    private static async Task<IResult> CreateAsync(CompetitionSettings? settings, HttpContext http, CompetitionService competitions)
    {
        if (settings is null)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Send the competition's settings as a JSON body: {\"slug\": \"masks-2027\", \"title\": \"Masks 2027\", ...}.");
        }

        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), errors, validateAllProperties: true))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, string.Join(" ", errors.Select(e => $"{string.Join(", ", e.MemberNames)}: {e.ErrorMessage}")));
        }

        if (await competitions.SummaryAsync(settings.Slug, Viewer.From(http.User), http.RequestAborted) is not null)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, $"A competition with the address '{settings.Slug}' already exists.");
        }

        var (_, error) = await competitions.CreateAsync(settings, http.RequestAborted);
        if (error is not null)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, error);
        }

        return TypedResults.Created($"/api/v1/competitions/{settings.Slug}", await SummaryAsync(settings.Slug, http, competitions));
    }

    /// <summary>
    /// Streams the body to a temporary file (at most the hidden-set limit, whatever the body declares), then imports it.
    /// A body that stops early (the caller went away) is deleted unread: nothing was imported.
    /// </summary>
    private static async Task<IResult> UploadHiddenSetAsync(
        string slug, HttpContext http, CompetitionService competitions, HiddenSetImporter importer, ITemporaryFiles temporaries, IOptions<PortalOptions> options)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        var limit = options.Value.MaxHiddenSetBytes;
        var (outcome, file, _) = await RequestBodyFile.SaveAsync(http.Request, temporaries, limit, ".zip");
        using var temporary = file;
        switch (outcome)
        {
            case RequestBodyFile.Outcome.TooLarge:
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge,
                    $"This zip is larger than the limit of {ByteSize.Format(limit)} for a hidden set. Import a folder on the server instead.");
            case RequestBodyFile.Outcome.Dropped:
                // The connection dropped mid-body: the partial file is already deleted; nobody may be left to answer.
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The upload stopped before the whole zip arrived; nothing was imported. Upload it again.");
        }

        await using var zip = new FileStream(temporary!.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        // Arrived whole: imported to the end even if the caller stops waiting (an import is all or nothing either way).
        return ImportResult(await importer.ImportZipAsync(competition.Id, zip, CancellationToken.None));
    }

    private static async Task<IResult> ImportHiddenSetFolderAsync(string slug, FolderImportRequest? request, HttpContext http, CompetitionService competitions, HiddenSetImporter importer)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request?.Folder))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Name the folder on the server: {\"folder\": \"/srv/eval\"}.");
        }

        return ImportResult(await importer.ImportFolderAsync(competition.Id, request.Folder, moveFiles: false, http.RequestAborted));
    }

    private static IResult ImportResult(HiddenSetImportResult result) => result.Succeeded
        ? TypedResults.Ok(new ApiHiddenSetImported(result.ImageCount))
        : result.InConflict ? ApiProblems.Problem(StatusCodes.Status409Conflict, "Nothing was changed. " + result.Summary)
        : ApiRefusal.Create(StatusCodes.Status400BadRequest, "The hidden set was not imported", "Nothing was changed. " + result.Summary,
            result.Problems.Select(p => ApiProblem.From(p, HiddenSetImportResult.InfoFile)).ToList(), result.TotalProblems).ToResult();

    private static Task<IResult> OpenAsync(string slug, HttpContext http, CompetitionService competitions) =>
        ChangeStateAsync(slug, http, competitions, null, c => competitions.OpenAsync(c.Id, http.RequestAborted));

    private static Task<IResult> ReopenAsync(string slug, HttpContext http, CompetitionService competitions) =>
        ChangeStateAsync(slug, http, competitions, CompetitionState.Closed, c => competitions.OpenAsync(c.Id, http.RequestAborted));

    private static Task<IResult> CloseAsync(string slug, HttpContext http, CompetitionService competitions) =>
        ChangeStateAsync(slug, http, competitions, CompetitionState.Open, async c =>
        {
            await competitions.CloseAsync(c.Id, http.RequestAborted);
            return null;
        });

    /// <summary>Changes the state when the competition is in <paramref name="from"/> (any when null): 200 with it, 409 with why not.</summary>
    private static async Task<IResult> ChangeStateAsync(string slug, HttpContext http, CompetitionService competitions, CompetitionState? from, Func<Competition, Task<string?>> change)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (from is { } required && competition.State != required)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, $"The competition is {StateWords(competition.State)}; this needs it {StateWords(required)}.");
        }

        if (await change(competition) is { } error)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, error);
        }

        return TypedResults.Ok(await SummaryAsync(slug, http, competitions));
    }

    private static async Task<IResult> RescoreAsync(string slug, HttpContext http, CompetitionService competitions)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Accepted($"/api/v1/competitions/{slug}/submissions", new ApiRescoreQueued(await competitions.RescoreAllAsync(competition.Id, http.RequestAborted)));
    }

    private static async Task<Results<Ok<List<ApiTeam>>, NotFound>> TeamsAsync(string slug, HttpContext http, CompetitionService competitions, AdminService admin)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        var teams = await admin.TeamsAsync(competition.Id, http.RequestAborted);
        return TypedResults.Ok(teams.Select(ApiTeam.From).ToList());
    }

    private static async Task<IResult> SetDailyLimitAsync(string slug, int teamId, System.Text.Json.JsonElement body, HttpContext http, CompetitionService competitions, AdminService admin)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        // The property must be there: a misspelt key must not clear the team's limit as an explicit null does.
        if (body.ValueKind != System.Text.Json.JsonValueKind.Object || !body.TryGetProperty("limit", out var value) ||
            value.ValueKind is not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Number) ||
            (value.ValueKind == System.Text.Json.JsonValueKind.Number && !value.TryGetInt32(out _)))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest,
                $"Send {{\"limit\": 10}} (a whole number from 0, which pauses the team, to {AdminService.MaxDailyLimit}), or {{\"limit\": null}} to follow the competition's limit.");
        }

        int? limit = value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : value.GetInt32();

        if (await admin.TeamAsync(competition.Id, teamId, http.RequestAborted) is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"This competition has no team #{teamId}.");
        }

        if (await admin.SetDailyLimitAsync(competition.Id, teamId, limit, http.RequestAborted) is { } error)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, error);
        }

        return TypedResults.Ok(ApiTeam.From((await admin.TeamAsync(competition.Id, teamId, http.RequestAborted))!));
    }

    private static async Task<IResult> CreateTeamAsync(string slug, ApiNewTeam? request, HttpContext http, CompetitionService competitions, TeamService teams)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Name is not { } name)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Send the team's name as a JSON body: {\"name\": \"Team 7\"}.");
        }

        var (team, token, error, taken) = await teams.CreateWithTokenAsync(competition.Id, name, http.RequestAborted);
        if (team is null)
        {
            return ApiProblems.Problem(taken ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, error!);
        }

        return TypedResults.Created((string?)null, new ApiCreatedTeam(team.Id, team.Name, team.InviteCode, token!));
    }

    private static async Task<IResult> RotateTeamTokenAsync(string slug, int teamId, HttpContext http, CompetitionService competitions, AdminService admin, TeamService teams)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (await admin.TeamAsync(competition.Id, teamId, http.RequestAborted) is not { } team)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"This competition has no team #{teamId}.");
        }

        if (team.IsBaseline)
        {
            // Like its invite code, which nobody can join: the baseline is the host's reference, not a team that submits.
            return ApiProblems.Problem(StatusCodes.Status409Conflict, $"'{team.Name}' is the baseline, the host's reference: it has no API token.");
        }

        return TypedResults.Ok(new ApiTeamToken(teamId, await teams.RotateTokenAsync(teamId, http.RequestAborted)));
    }

    private static async Task<IResult> JobsAsync(HttpContext http, AdminService admin, IOptions<HostViewOptions> options,
        [FromQuery] string? state = null, [FromQuery] string? kind = null, [FromQuery] int? page = null, [FromQuery] int? pageSize = null)
    {
        JobState? wantedState = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, $"'{state}' is not a job state; use queued, running, succeeded, failed or cancelled.");
            }

            wantedState = parsed;
        }

        JobKind? wantedKind = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<JobKind>(kind, ignoreCase: true, out var parsed) || int.TryParse(kind, out _))
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, $"'{kind}' is not a job kind; use scoreSubmission, runModel, buildEnsemble or rescoreCompetition.");
            }

            wantedKind = parsed;
        }

        var max = options.Value.MaxPageSize;
        if (page is < 1 || pageSize is < 1 || pageSize > max)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, $"page starts at 1, and pageSize is from 1 to {max}.");
        }

        var result = await admin.AllJobsAsync(wantedState, wantedKind, page ?? 1, pageSize ?? options.Value.JobsPageSize, http.RequestAborted);
        return TypedResults.Ok(new ApiJobPage(result.Rows.Select(ApiJob.From).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<IResult> CancelJobAsync(long id, HttpContext http, AdminService admin, Portal.Application.Models.ModelSubmissionService models)
    {
        var job = await admin.JobAsync(id, http.RequestAborted);
        if (job is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no job #{id}.");
        }

        if (!job.Cancellable)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, job.State is JobState.Queued or JobState.Running
                ? "Only a model run can be cancelled; this job finishes by itself."
                : $"Job #{id} is {job.State.ToString().ToLowerInvariant()} already; there is nothing to cancel.");
        }

        if (await models.CancelAsync(job.SubmissionId!.Value, Viewer.From(http.User), http.RequestAborted) is { } error)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, error);
        }

        return TypedResults.Ok(ApiJob.From((await admin.JobAsync(id, http.RequestAborted))!));
    }

    private static string StateWords(CompetitionState state) => state == CompetitionState.Draft ? "a draft" : ApiState.Name(state);

    private static async Task<ApiCompetition?> SummaryAsync(string slug, HttpContext http, CompetitionService competitions) =>
        await competitions.SummaryAsync(slug, Viewer.From(http.User), http.RequestAborted) is { } c ? ApiCompetition.From(c) : null;

    /// <summary>The body of the folder import.</summary>
    public sealed record FolderImportRequest(string? Folder);
}
