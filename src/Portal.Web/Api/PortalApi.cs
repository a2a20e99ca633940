using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Submissions;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Access;
using Portal.Application.Comparison;
using Portal.Application.Competitions;
using Portal.Application.Ensembles;
using Portal.Application.Leaderboards;
using Portal.Application.Submissions;
using Portal.Application.Thumbnails;
using Portal.Application.Trust;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>The versioned JSON API (<c>/api/v1</c>), authenticated by team bearer tokens.</summary>
public static class PortalApi
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Scripts get 401/403, never a redirect to the sign-in page; .NET infers that only for JSON endpoints, not the file download.
        var v1 = endpoints.MapGroup("/api/v1").WithTags("Portal").DisableCookieRedirect();
        v1.MapGet("/competitions", ListCompetitionsAsync).ForAnyCaller();
        v1.MapGet("/competitions/{slug}", CompetitionAsync).ForAnyCaller();
        v1.MapGet("/competitions/{slug}/leaderboard", LeaderboardAsync).ForAnyCaller();
        v1.MapGet("/competitions/{slug}/leaderboard/intervals", LeaderboardIntervalsAsync).ForAnyCaller();
        v1.MapGet("/competitions/{slug}/leaderboard/forecast", LeaderboardForecastAsync).ForAnyCaller();
        v1.MapGet("/competitions/{slug}/sample-submission", SampleSubmissionAsync).ForAnyCaller()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithDescription("A valid labels CSV naming every test image once (class 0, ids sorted): the starting point of a first submission.");
        v1.MapGet("/competitions/{slug}/ids", ImageIdsAsync).ForAnyCaller()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithDescription("The test image ids, sorted, as a CSV with the header ImageID: what a submission must name, each once.");
        v1.MapGet("/competitions/{slug}/audit", (string slug, HttpContext http, CompetitionService competitions, LabelAuditService audits, [FromQuery] string? format) =>
            LabelAuditAsync(slug, http, competitions, audits, format)).RequireAuthorization(Policies.ApiReader)
            .WithDescription("Suspected label errors (hosts at any time, signed-in participants after close); ?format=csv for CSV.");
        v1.MapGet("/competitions/{slug}/audit.csv", (string slug, HttpContext http, CompetitionService competitions, LabelAuditService audits) =>
            LabelAuditAsync(slug, http, competitions, audits, "csv")).RequireAuthorization(Policies.ApiReader);
        v1.MapPost("/competitions/{slug}/submissions", SubmitAsync)
            .RequireAuthorization(Policies.TeamToken)
            .RequireRateLimiting(ApiHosting.SubmissionLimiter)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesRefusals()
            .AllowModelUploads(endpoints.ServiceProvider);
        v1.MapPost("/competitions/{slug}/ensembles", BuildEnsembleAsync)
            .RequireAuthorization(Policies.TeamToken)
            .RequireRateLimiting(ApiHosting.SubmissionLimiter)
            .ProducesRefusals();
        v1.MapGet("/competitions/{slug}/compare", CompareManyAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapGet("/competitions/{slug}/images/{imageId}/thumbnail", ThumbnailAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapGet("/competitions/{slug}/images/{imageId}/large", LargeImageAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("One hidden-set image as a JPEG of up to " + ThumbnailService.LargeSize + " pixels on its longest edge (the classic task's images whole), under the thumbnail's rules.");
        v1.MapGet("/competitions/{slug}/submissions", ListSubmissionsAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("Submissions newest first: a host's (token or browser) every team's; a team token's or a member's the team's own.");
        v1.MapGet("/submissions/{id:int}", SubmissionAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapGet("/submissions/{id:int}/file", SubmissionFileAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapGet("/submissions/{a:int}/compare/{b:int}", CompareAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapGet("/submissions/{a:int}/compare/{b:int}/differences.csv", DifferencesCsvAsync).RequireAuthorization(Policies.ApiReader);
        v1.MapModelApi();
        v1.MapTrainingRunApi(endpoints.ServiceProvider);
        v1.MapTrustApi();
        v1.MapWebhookApi();
        v1.MapHostApi(endpoints.ServiceProvider);
        v1.MapUploadsApi(endpoints.ServiceProvider);
        return endpoints;
    }

    /// <summary>The refusals of an upload or an ensemble (<see cref="SubmitOutcomeResults"/>): problems with the file's problems listed.</summary>
    private static RouteHandlerBuilder ProducesRefusals(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<ApiRefusal>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)
        .Produces<ApiRefusal>(StatusCodes.Status409Conflict, ApiProblems.ContentType)
        .Produces<ApiRefusal>(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)
        .Produces<ApiRefusal>(StatusCodes.Status503ServiceUnavailable, ApiProblems.ContentType);

    /// <summary>
    /// Open to anyone, and sees who is asking by any of the API's schemes (a host token shows a host the private board and
    /// drafts); a token that is not valid is read as no caller here, not refused.
    /// </summary>
    private static RouteHandlerBuilder ForAnyCaller(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.AnyCaller).AllowAnonymous();

    private static async Task<Ok<List<ApiCompetition>>> ListCompetitionsAsync(HttpContext http, CompetitionService competitions)
    {
        var list = await competitions.ListAsync(Viewer.From(http.User), http.RequestAborted);
        return TypedResults.Ok(list.Select(ApiCompetition.From).ToList());
    }

    private static async Task<Results<Ok<ApiCompetition>, NotFound>> CompetitionAsync(string slug, HttpContext http, CompetitionService competitions) =>
        await competitions.SummaryAsync(slug, Viewer.From(http.User), http.RequestAborted) is { } summary
            ? TypedResults.Ok(ApiCompetition.From(summary))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<List<ApiSubmission>>, NotFound>> ListSubmissionsAsync(string slug, HttpContext http, CompetitionService competitions, SubmissionService submissions)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        var list = await submissions.ListForCompetitionAsync(competition, viewer, http.RequestAborted);
        return TypedResults.Ok(list.Select(ApiSubmission.From).ToList());
    }

    private static async Task<Results<Ok<ApiLeaderboard>, NotFound, ProblemHttpResult>> LeaderboardAsync(
        string slug, HttpContext http, CompetitionService competitions, LeaderboardService boards, [FromQuery] string? board = "public")
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (!Enum.TryParse<BoardKind>(board ?? "public", ignoreCase: true, out var kind))
        {
            return TypedResults.Problem($"'{board}' is not a board; use public or private.", statusCode: StatusCodes.Status400BadRequest);
        }

        var view = await boards.GetAsync(competition, kind, viewer, http.RequestAborted);
        if (view.Unavailable is not null)
        {
            return TypedResults.Problem(view.Unavailable, statusCode: StatusCodes.Status403Forbidden);
        }

        return TypedResults.Ok(new ApiLeaderboard(kind.ToString().ToLowerInvariant(),
            view.Rows.Select(r => new ApiLeaderboardRow(r.Rank, r.TeamName, r.Score, r.Entries, r.SubmittedAtUtc, r.IsBaseline, r.RankChange)).ToList()));
    }

    /// <summary>The board's rows with their 95% paired-bootstrap intervals and tiers, under the board's own visibility.</summary>
    private static async Task<Results<Ok<ApiBoardIntervals>, NotFound, ProblemHttpResult>> LeaderboardIntervalsAsync(
        string slug, HttpContext http, CompetitionService competitions, LeaderboardService boards, BoardIntervalsService intervals, [FromQuery] string? board = "public")
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (!Enum.TryParse<BoardKind>(board ?? "public", ignoreCase: true, out var kind))
        {
            return TypedResults.Problem($"'{board}' is not a board; use public or private.", statusCode: StatusCodes.Status400BadRequest);
        }

        var view = await boards.GetAsync(competition, kind, viewer, http.RequestAborted);
        var tiers = await intervals.GetAsync(competition, kind, viewer, http.RequestAborted);
        if (tiers.Unavailable is not null)
        {
            return TypedResults.Problem(tiers.Unavailable, statusCode: StatusCodes.Status403Forbidden);
        }

        var rows = view.Rows.Where(r => tiers.For(r.SubmissionId) is not null).Select(r =>
        {
            var t = tiers.For(r.SubmissionId)!;
            return new ApiBoardIntervalRow(r.Rank, r.TeamName, t.MacroF1, t.Lower, t.Upper, t.Tier, r.IsBaseline);
        }).ToList();
        return TypedResults.Ok(new ApiBoardIntervals(kind.ToString().ToLowerInvariant(), tiers.Resamples, tiers.Seed, BoardIntervals.Rule, rows));
    }

    /// <summary>The public board's shake-up forecast; the real moves beside it only for callers who see the private board.</summary>
    private static async Task<Results<Ok<ApiForecast>, NotFound, ProblemHttpResult>> LeaderboardForecastAsync(
        string slug, HttpContext http, CompetitionService competitions, ShakeUpForecastService forecasts)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        var forecast = await forecasts.GetAsync(competition, viewer, http.RequestAborted);
        if (forecast.Unavailable is not null)
        {
            return TypedResults.Problem(forecast.Unavailable, statusCode: StatusCodes.Status403Forbidden);
        }

        var rows = forecast.Rows.Select(r => new ApiForecastRow(r.PublicRank, r.TeamName, r.Lower, r.Median, r.Upper, r.PrivateRank, r.Move, r.WithinForecast)).ToList();
        return TypedResults.Ok(new ApiForecast(forecast.Splits, forecast.Seed, forecast.Coverage, BoardForecast.Method, forecast.WithinShare, forecast.KendallTau, rows));
    }

    /// <summary>
    /// The label audit as JSON or CSV. It names images and their true labels, so it is refused (403, no rows) to anyone
    /// <see cref="VisibilityPolicy.SeesLabelAudit"/> does not allow: participants while the competition runs.
    /// </summary>
    private static async Task<IResult> LabelAuditAsync(string slug, HttpContext http, CompetitionService competitions, LabelAuditService audits, string? format)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"'{format}' is not a format; use json or csv.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!VisibilityPolicy.SeesLabelAudit(viewer, competition))
        {
            return TypedResults.Problem(LabelAuditService.NotYet, statusCode: StatusCodes.Status403Forbidden);
        }

        var audit = await audits.GetAsync(competition, viewer, http.RequestAborted);
        if (csv)
        {
            return TypedResults.File(LabelAuditCsv.ToBytes(audit), "text/csv", $"{slug}-label-audit.csv");
        }

        var suspects = audit.Rows.Select(r => new ApiLabelSuspect(r.ImageId, r.Truth, r.Consensus, r.Votes, r.Agreement, r.MeanConfidence, r.Differing)).ToList();
        return TypedResults.Ok(new ApiLabelAudit(audit.Voters, audit.Images, LabelAuditView.Method, suspects));
    }

    /// <summary>A valid labels file naming every test image (all class 0, ids sorted): the starting point of a first submission.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SampleSubmissionAsync(string slug, HttpContext http, CompetitionService competitions, HiddenSetCache hiddenSets)
    {
        var sorted = await SortedIdsAsync(slug, http, competitions, hiddenSets);
        if (sorted.Ids is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, sorted.Missing!);
        }

        using var buffer = new MemoryStream();
        PredictionCsvWriter.Write(buffer, sorted.Ids, new Predictions(new byte[sorted.Ids.Count], sorted.Classes), SubmissionFormat.Labels);
        return TypedResults.File(buffer.ToArray(), "text/csv", $"{slug}-sample-submission.csv");
    }

    /// <summary>The test image ids, sorted, one per line under the header <c>ImageID</c>.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ImageIdsAsync(string slug, HttpContext http, CompetitionService competitions, HiddenSetCache hiddenSets)
    {
        var sorted = await SortedIdsAsync(slug, http, competitions, hiddenSets);
        if (sorted.Ids is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, sorted.Missing!);
        }

        using var buffer = new MemoryStream();
        PredictionCsvWriter.WriteIds(buffer, sorted.Ids);
        return TypedResults.File(buffer.ToArray(), "text/csv", $"{slug}-ids.csv");
    }

    /// <summary>
    /// The competition's test image ids sorted (not in hidden-set order: the order of info.csv can follow the labels) and
    /// its class count; or, when the viewer may not see the competition or it has no hidden set yet, why not.
    /// </summary>
    private static async Task<(ImageIndex? Ids, int Classes, string? Missing)> SortedIdsAsync(string slug, HttpContext http, CompetitionService competitions, HiddenSetCache hiddenSets)
    {
        var competition = await competitions.FindAsync(slug, Viewer.From(http.User), http.RequestAborted);
        if (competition is null)
        {
            return (null, 0, $"There is no competition '{slug}', or it is not open to you.");
        }

        if (await hiddenSets.GetAsync(competition.Id) is not { } hidden)
        {
            return (null, 0, "The host has not put in this competition's test images yet; the image ids and the sample submission appear once they have.");
        }

        return (new ImageIndex(hidden.Truth.Images.Ids.Order(StringComparer.Ordinal)), hidden.Taxonomy.Count, null);
    }

    /// <summary>
    /// A JPEG thumbnail of one hidden-set image, for signed-in callers of a competition they can see. The image
    /// may be shown; its label never is. Ids are matched exactly against the hidden set: anything else is 404.
    /// </summary>
    private static Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> ThumbnailAsync(
        string slug, string imageId, HttpContext http, CompetitionService competitions, ThumbnailService thumbnails) =>
        ImageAsync(slug, imageId, ThumbnailService.DefaultSize, http, competitions, thumbnails);

    /// <summary>The image opened large (a click on a thumbnail): the same rules as the thumbnail, one size up.</summary>
    private static Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> LargeImageAsync(
        string slug, string imageId, HttpContext http, CompetitionService competitions, ThumbnailService thumbnails) =>
        ImageAsync(slug, imageId, ThumbnailService.LargeSize, http, competitions, thumbnails);

    private static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> ImageAsync(
        string slug, string imageId, int size, HttpContext http, CompetitionService competitions, ThumbnailService thumbnails)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        // A team token opens its own competition's images only (signed-in browsers see any competition they can see).
        if (viewer.TokenTeamId is not null && TeamTokenAuthenticationHandler.TeamIn(http.User, competition.Id) is null)
        {
            return TypedResults.Problem(TeamTokenAuthenticationHandler.OtherCompetition, statusCode: StatusCodes.Status403Forbidden);
        }

        var stream = await thumbnails.OpenAsync(competition.Id, imageId, size, http.RequestAborted);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        // Private: the caller had to sign in. Immutable: an image id names the same picture for the life of the hidden set.
        http.Response.Headers.CacheControl = "private, max-age=604800, immutable";
        return TypedResults.File(stream, "image/jpeg");
    }

    private static async Task<IResult> SubmitAsync(
        string slug, HttpContext http, CompetitionService competitions, SubmissionService submissions, UploadLimits limits, ITemporaryFiles temporaries)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (TeamTokenAuthenticationHandler.TeamIn(http.User, competition.Id) is not int teamId)
        {
            return TypedResults.Problem(TeamTokenAuthenticationHandler.OtherCompetition, statusCode: StatusCodes.Status403Forbidden);
        }

        // Read as a stream: refused by its declared length before a byte is read, each file held to its own limit.
        using var form = await SubmissionForm.ReadAsync(http.Request, limits, temporaries, http.RequestAborted);
        if (form.Refusal is { } refusal)
        {
            return refusal;
        }

        // The team's own validation numbers, for CSVs and models alike: a wrong one is refused naming its field, before any file is checked.
        if (!ValidationScores.TryParse(form.Field(ValidationScores.F1Field), form.Field(ValidationScores.FoldsField), out var validation, out var wrongValidation))
        {
            return ApiRefusal.Create(StatusCodes.Status400BadRequest, "Invalid validation scores", wrongValidation!).ToResult();
        }

        if (form.IsModelUpload)
        {
            return await ModelApi.SubmitAsync(competition, teamId, form, validation, http);
        }

        // An empty file goes on to the check, which says it is empty; only a form without a file is refused here.
        if (form.Files.Count == 0)
        {
            return ApiRefusal.Create(StatusCodes.Status400BadRequest, "No file", "Send the CSV as the multipart field 'file'.").ToResult();
        }

        // A second CSV would otherwise be dropped without a word: a submission is one file.
        if (form.Files.Count > 1)
        {
            return ApiRefusal.Create(StatusCodes.Status400BadRequest, "More than one file",
                $"A submission is one CSV; this request sent {form.Files.Count} files ({string.Join(", ", form.Files.Select(f => f.FileName))}). Send each as its own submission.").ToResult();
        }

        // The form reader already kept the file whole (or cut it off past the CSV limit): taken from there, not copied again.
        var file = form.Files[0];
        var outcome = await submissions.SubmitKeptCsvAsync(competition, teamId, file.Path, file.Length is null, file.FileName, form.Field("description"), validation, http.RequestAborted);
        return SubmitOutcomeResults.ToResult(outcome, "Invalid submission", run: await SubmissionRuns.AttachAsync(outcome, form, http));
    }

    /// <summary>Queues an ensemble of the caller team's scored submissions (JSON body); 202 with its id, or 400/429/409 with the reason.</summary>
    private static async Task<IResult> BuildEnsembleAsync(string slug, EnsembleRequest? request, HttpContext http, CompetitionService competitions, EnsembleService ensembles)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (TeamTokenAuthenticationHandler.TeamIn(http.User, competition.Id) is null)
        {
            return TypedResults.Problem(TeamTokenAuthenticationHandler.OtherCompetition, statusCode: StatusCodes.Status403Forbidden);
        }

        if (request is null)
        {
            return ApiRefusal.Create(StatusCodes.Status400BadRequest, "No ensemble", "Send a JSON body: {\"method\": \"hard\", \"members\": [{\"id\": 12, \"weight\": 1}, ...]}.").ToResult();
        }

        var outcome = await ensembles.SubmitAsync(competition, request, viewer, http.RequestAborted);
        return SubmitOutcomeResults.ToResult(outcome, "Ensemble refused", "Ensemble refused");
    }

    /// <summary>Several submissions compared (<c>?ids=1,2,3</c>): pairwise disagreement in clustered order; the oracle rate and scores only where allowed.</summary>
    private static async Task<Results<Ok<ApiManyComparison>, NotFound, ProblemHttpResult>> CompareManyAsync(
        string slug, HttpContext http, CompetitionService competitions, ManyComparisonService comparisons, [FromQuery] string? ids = null)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return TypedResults.NotFound();
        }

        if (!IdList.TryParse(ids, out var list))
        {
            return TypedResults.Problem("List the submissions as ?ids=12,15,18 (numbers separated by commas).", statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await comparisons.CompareAsync(competition.Id, list, viewer, cancellationToken: http.RequestAborted);
        if (outcome.View is { } view)
        {
            return TypedResults.Ok(ApiManyComparison.From(view));
        }

        return outcome.NotFound ? TypedResults.NotFound() : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<ApiSubmission>, NotFound>> SubmissionAsync(int id, HttpContext http, SubmissionService submissions)
    {
        var view = await submissions.FindAsync(id, Viewer.From(http.User), http.RequestAborted);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(ApiSubmission.From(view));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> SubmissionFileAsync(int id, HttpContext http, SubmissionService submissions)
    {
        var file = await submissions.OpenFileAsync(id, Viewer.From(http.User), http.RequestAborted);
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Value.Content, ModelApi.ContentType(file.Value.FileName), file.Value.FileName);
    }

    private static async Task<Results<Ok<ApiComparison>, NotFound, ProblemHttpResult>> CompareAsync(int a, int b, HttpContext http, ComparisonService comparisons)
    {
        var outcome = await comparisons.CompareAsync(a, b, Viewer.From(http.User), cancellationToken: http.RequestAborted);
        if (outcome.View is { } view)
        {
            return TypedResults.Ok(ApiComparison.From(view));
        }

        return outcome.NotFound ? TypedResults.NotFound() : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>The images A and B label differently, as CSV: id, A's class, B's class (and the truth where the caller may see it), optionally only one class pair or one flipping attribute.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> DifferencesCsvAsync(
        int a, int b, HttpContext http, ComparisonService comparisons, [FromQuery] string? classA = null, [FromQuery] string? classB = null, [FromQuery] string? flip = null)
    {
        var outcome = await comparisons.CompareAsync(a, b, Viewer.From(http.User), judge: false, cancellationToken: http.RequestAborted);
        if (outcome.View is not { } view)
        {
            return outcome.NotFound ? TypedResults.NotFound() : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict);
        }

        // Read as text: a class number too large for an int, negative or a word is the caller's mistake (400), not a server error.
        if (!ComparisonCsv.TryParseClass(classA, view.ClassNames.Count, out var first) || !ComparisonCsv.TryParseClass(classB, view.ClassNames.Count, out var second))
        {
            return TypedResults.Problem($"classA and classB are class numbers, from 0 to {view.ClassNames.Count - 1}.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ComparisonCsv.Differences(view, first, second, flip)), "text/csv", $"compare-{a}-{b}-differences.csv");
    }
}
