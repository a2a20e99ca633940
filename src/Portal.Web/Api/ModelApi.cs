using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Models;
using Portal.Application.Trust;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>
/// The model parts of the API: an upload of <c>.onnx</c> files to the submissions endpoint (several <c>file</c> fields form
/// one soft-voted submission), cancelling a model run, and its per-view and per-member scores.
/// </summary>
public static class ModelApi
{
    /// <summary>The OpenAPI description of the submissions endpoint, CSV and model alike.</summary>
    public const string SubmitDescription =
        "Multipart form. A CSV: one `file` (labels `ImageID,ans` or probabilities) and `description`. " +
        "An ONNX model: one or more `file` fields with `.onnx` files (several are soft-voted into one submission; each member's own " +
        "predictions are kept) and the preprocessing fields `width`, `height` (pixels, default 224), `resize` (stretch|crop), " +
        "`mean` and `std` (three numbers R,G,B; defaults 0.548,0.504,0.479 and 0.237,0.247,0.246), `channels` (rgb|bgr), " +
        "`tta` (none|hflip|vflip|flip|d4|rot90), `merge` (mean|gmean|max|min|tsharpen), `weights` (one per file, comma-separated), " +
        "`heads` (three single-head models: one tag per file in file order, e.g. `mask,gender,age`; combined into the classes by the product of their " +
        "probabilities) and `description`. A model may also give one output per attribute head ([N,3], [N,2], [N,3]: mask, gender, age, in that order) " +
        "instead of one [N,classes] output; the heads are combined the same way. Any upload may carry the team's own `validationF1` (a macro F1 in [0, 1]) and `validationFolds` (per-fold values, " +
        "comma-separated); a wrong value answers 400 naming the field. Every model is checked at once (input [N,3,H,W], output [N,classes], opset, size limit); a refused " +
        "upload answers 400 with the reason naming the file and stores nothing; a body over the upload limits (a CSV's, or a model " +
        "submission's) answers 413 with the limit, before it is read. Accepted: 202 with the submission id; the run is a " +
        "background job (poll the status URL). Any upload may also carry the training run that produced it: `run` file fields " +
        "(TensorBoard event files, the name keeping its fold folder, e.g. `fold0/events.out.tfevents.123`; a wandb or CSV/JSON " +
        "history; a settings `*.yaml` or `config.json`; `optuna*.json`; `commit.txt`; or one `.zip` of the run folder) and " +
        "optionally `commit` (a git hash). The run is stored once the submission is accepted, in the same request; the answer's " +
        "`trainingRun` says whether it was kept (`kept`, `series`, `validationF1Last`, `validationF1Best`, `url`) or, with " +
        "`kept` false, why not (`error`, naming the file and its record or line): a refused run never undoes the accepted " +
        "submission; attach it again at `url`. Run files follow the TrainingRuns limits.";

    /// <summary>Maps the model endpoints under <c>/api/v1</c>.</summary>
    public static RouteGroupBuilder MapModelApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/submissions/{id:int}/cancel", CancelAsync).RequireAuthorization(Policies.TeamToken)
            .WithDescription("Cancels the team's queued or running model run; a cancelled submission does not count toward the daily limit.");
        v1.MapGet("/submissions/{id:int}/model-run", ModelRunAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("A finished run: 200 with each model file's input (size, resize, normalisation), each TTA view's and each model file's " +
                             "macro F1, and the ensemble's (public split only while the competition runs). A run still queued or running: 202 with " +
                             "its progress, `state` (queued|running), `fraction` (0 to 1) and `text` (the model and images done, speed and time left; " +
                             "updated at the worker's heartbeat): poll again. 404 when the submission is not a model of yours, or its run failed or was cancelled " +
                             "(GET /api/v1/submissions/{id} says why).");
        return v1;
    }

    /// <summary>
    /// Lets the submissions endpoint take model files: a body as large as the largest model submission (the form reader
    /// holds a CSV to the CSV limit, each file to its own).
    /// </summary>
    public static RouteHandlerBuilder AllowModelUploads(this RouteHandlerBuilder endpoint, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(services);
        var limits = services.GetRequiredService<UploadLimits>();
        return endpoint.WithMetadata(new RequestSizeLimitAttribute(limits.AnyBody)).WithDescription(SubmitDescription);
    }

    /// <summary>Takes a model upload for <paramref name="teamId"/> (the caller checked the token's competition).</summary>
    public static async Task<IResult> SubmitAsync(Competition competition, int teamId, SubmissionForm form, ValidationScores? validation, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(http);
        var files = form.Files.Select(f => new ModelUpload(f.FileName, f.Length, f.Open)).ToList();
        var input = new ModelSettingsInput
        {
            Width = form.Field("width") ?? "224",
            Height = form.Field("height") ?? "224",
            Resize = form.Field("resize") ?? "stretch",
            Mean = form.Field("mean") ?? "",
            Std = form.Field("std") ?? "",
            Channels = form.Field("channels") ?? "rgb",
            Tta = form.Field("tta") ?? "none",
            Merge = form.Field("merge") ?? "mean",
            Weights = form.Field("weights") ?? "",
            Heads = form.Field("heads") ?? "",
        };
        var models = http.RequestServices.GetRequiredService<ModelSubmissionService>();
        var outcome = await models.SubmitAsync(competition, teamId, null, files, input, form.Field("description"), validation, http.RequestAborted);
        return SubmitOutcomeResults.ToResult(outcome, "Model refused", run: await SubmissionRuns.AttachAsync(outcome, form, http));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> CancelAsync(int id, HttpContext http, ModelSubmissionService models)
    {
        var error = await models.CancelAsync(id, Viewer.From(http.User), http.RequestAborted);
        return error switch
        {
            null => TypedResults.NoContent(),
            "Submission not found." => TypedResults.NotFound(),
            _ => TypedResults.Problem(error, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Results<Ok<ModelRunDetails>, Accepted<ModelRunProgress>, NotFound>> ModelRunAsync(int id, HttpContext http, ModelSubmissionService models)
    {
        var viewer = Viewer.From(http.User);
        if (await models.FindRunDetailsAsync(id, viewer, http.RequestAborted) is { } details)
        {
            return TypedResults.Ok(details);
        }

        // Not finished yet: how far it has got, at the same address.
        return await models.FindRunProgressAsync(id, viewer, http.RequestAborted) is { } progress
            ? TypedResults.Accepted($"/api/v1/submissions/{id}/model-run", progress)
            : TypedResults.NotFound();
    }

    internal static string ContentType(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv"
        : fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip"
        : "application/octet-stream";
}
