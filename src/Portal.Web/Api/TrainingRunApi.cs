using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Application.TrainingRuns;
using Portal.Data.Storage;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>The training-run endpoints under <c>/api/v1/submissions/{id}/training-run</c>.</summary>
public static class TrainingRunApi
{
    /// <summary>The OpenAPI description of the upload.</summary>
    public const string UploadDescription =
        "Multipart form: the run's files as file fields (any name, e.g. `file`; a file name may carry its folder, " +
        "`fold_0/events.out.tfevents.*`, which names the fold) or one `.zip` of the run folder (other files in it are skipped), " +
        "and optionally `commit` (a git hash). TensorBoard event files and CSV/JSON histories give the curves; `*.yaml`, " +
        "`config.json` the settings; `optuna*.json` Optuna's best parameters; `commit.txt` the commit. Replaces the submission's " +
        "run. A file a reader refuses answers 400 naming the file and record or line, and nothing is stored; over the size " +
        "limits (TrainingRuns options) 413. Team token only.";

    /// <summary>Maps the endpoints onto the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapTrainingRunApi(this RouteGroupBuilder v1, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(v1);
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<TrainingRunOptions>>().Value;
        v1.MapGet("/submissions/{id:int}/training-run", GetAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("The submission's training run with its series as arrays: the team's own (hosts: all); another team's once published after the close.");
        v1.MapPost("/submissions/{id:int}/training-run", UploadAsync)
            .RequireAuthorization(Policies.TeamToken)
            .DisableAntiforgery()
            // No Accepts<IFormFile>: its content-type check would answer 415 before the token is checked; the handler says what to send.
            .WithMetadata(new RequestSizeLimitAttribute(TrainingRunForm.BodyLimit(options)))
            .WithDescription(UploadDescription);
        v1.MapPut("/submissions/{id:int}/training-run/published", PublishAsync)
            .RequireAuthorization(Policies.TeamToken)
            .WithDescription("Body {\"published\": true|false}: shows the team's run to other teams (once the competition is closed), or withdraws it.");
        return v1;
    }

    private static async Task<Results<Ok<ApiTrainingRun>, NotFound>> GetAsync(int id, HttpContext http, TrainingRunService runs)
    {
        var view = await runs.FindAsync(id, Viewer.From(http.User), http.RequestAborted);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(ApiTrainingRun.From(view));
    }

    private static async Task<IResult> UploadAsync(int id, HttpContext http, TrainingRunService runs, ITemporaryFiles temporaries)
    {
        using var form = await TrainingRunForm.ReadAsync(http.Request, runs.Options, temporaries, http.RequestAborted);
        if (form.Refusal is { } refusal)
        {
            return refusal;
        }

        var viewer = Viewer.From(http.User);
        if (form.Files.Count == 0)
        {
            // A caller that may not see the submission learns nothing from the form's shape.
            return await runs.FindAsync(id, viewer, http.RequestAborted) is null
                ? TypedResults.NotFound()
                : ApiProblems.Problem(StatusCodes.Status400BadRequest, "Send the run's files (TensorBoard event files, histories, settings) or a zip of its folder as multipart file fields.");
        }

        var outcome = await runs.UploadAsync(id, form.Files, form.Commit, viewer, http.RequestAborted);
        if (outcome.NotFound)
        {
            return TypedResults.NotFound();
        }

        return outcome.Run is { } run
            ? TypedResults.Created($"/api/v1/submissions/{id}/training-run", ApiTrainingRun.From(run))
            : ApiProblems.Problem(outcome.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, outcome.Error!);
    }

    private static async Task<IResult> PublishAsync(int id, ApiPublishRequest? request, HttpContext http, TrainingRunService runs)
    {
        if (request is null)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Send a JSON body: {\"published\": true}.");
        }

        var change = await runs.SetPublishedAsync(id, request.Published, Viewer.From(http.User), http.RequestAborted);
        return change.NotFound ? TypedResults.NotFound()
            : change.Conflict is { } conflict ? ApiProblems.Problem(StatusCodes.Status409Conflict, conflict)
            : TypedResults.NoContent();
    }
}
