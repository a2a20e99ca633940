using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;
using Portal.Web.Features.Access;
using Portal.Web.Features.Models;
using Portal.Web.Features.Submissions;
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
        "`tta` (none|hflip|vflip|flip|d4|rot90), `merge` (mean|gmean|max|min|tsharpen), `weights` (one per file, comma-separated) " +
        "and `description`. Every model is checked at once (input [N,3,H,W], output [N,classes], opset, size limit); a refused " +
        "upload answers 400 with the reason naming the file and stores nothing. Accepted: 202 with the submission id; the run is a " +
        "background job (poll the status URL).";

    /// <summary>Maps the model endpoints under <c>/api/v1</c>.</summary>
    public static RouteGroupBuilder MapModelApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/submissions/{id:int}/cancel", CancelAsync).RequireAuthorization(Policies.TeamToken)
            .WithDescription("Cancels the team's queued or running model run; a cancelled submission does not count toward the daily limit.");
        v1.MapGet("/submissions/{id:int}/model-run", ModelRunAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("Each TTA view's and each model file's macro F1, and the ensemble's: public split only while the competition runs.");
        return v1;
    }

    /// <summary>Lets the submissions endpoint take model files: a body as large as the largest model submission, and the description.</summary>
    public static RouteHandlerBuilder AllowModelUploads(this RouteHandlerBuilder endpoint, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(services);
        var limits = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        var csvLimit = services.GetRequiredService<IOptions<PortalOptions>>().Value.MaxCsvBytes;
        // Room for the files and the form fields around them; each file is still held to its own limit.
        var body = Math.Max(csvLimit, limits.MaxModelBytes * limits.MaxModelsPerSubmission) + 1024 * 1024;
        return endpoint.WithMetadata(new RequestSizeLimitAttribute(body))
            .WithFormOptions(multipartBodyLengthLimit: body)
            .WithDescription(SubmitDescription);
    }

    /// <summary>Whether a submission form carries model files rather than a CSV.</summary>
    public static bool IsModelUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasFormContentType &&
               request.Form.Files.GetFiles("file").Any(f => f.FileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Takes a model upload for <paramref name="teamId"/> (the caller checked the token's competition).</summary>
    public static async Task<IResult> SubmitAsync(Competition competition, int teamId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = http.Request.Form;
        var files = form.Files.GetFiles("file").Select(f => new ModelUpload(f.FileName, f.Length, f.OpenReadStream)).ToList();
        var input = new ModelSettingsInput
        {
            Width = Field(form, "width") ?? "224",
            Height = Field(form, "height") ?? "224",
            Resize = Field(form, "resize") ?? "stretch",
            Mean = Field(form, "mean") ?? "",
            Std = Field(form, "std") ?? "",
            Channels = Field(form, "channels") ?? "rgb",
            Tta = Field(form, "tta") ?? "none",
            Merge = Field(form, "merge") ?? "mean",
            Weights = Field(form, "weights") ?? "",
        };
        var models = http.RequestServices.GetRequiredService<ModelSubmissionService>();
        var outcome = await models.SubmitAsync(competition, teamId, null, files, input, Field(form, "description"), http.RequestAborted);
        return SubmitOutcomeResults.ToResult(outcome, "Model refused");
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

    private static async Task<Results<Ok<ModelRunDetails>, NotFound>> ModelRunAsync(int id, HttpContext http, ModelSubmissionService models)
    {
        var details = await models.FindRunDetailsAsync(id, Viewer.From(http.User), http.RequestAborted);
        return details is null ? TypedResults.NotFound() : TypedResults.Ok(details);
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString())
            ? value.ToString().Trim()
            : null;

    internal static string ContentType(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv"
        : fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip"
        : "application/octet-stream";
}
