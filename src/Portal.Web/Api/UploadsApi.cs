using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Submissions;
using Portal.Data.Storage;
using Portal.Web.Hosting;
using Portal.Web.Uploads;

namespace Portal.Web.Api;

/// <summary>
/// Files a signed-in browser sends ahead of the Submit form (<see cref="StagedUploads"/>): <c>POST /api/v1/uploads?name=</c>
/// with the file as the raw body, from the page (the sign-in cookie and the page's antiforgery token); scripts submit
/// to the submissions endpoint directly with their team token. <c>&amp;purpose=run</c> stages a file of the training run sent
/// with the submission: its name keeps its folders (<c>fold_0/events.out.tfevents.1</c>) and it is held to the run's file limit.
/// </summary>
public static class UploadsApi
{
    public static RouteGroupBuilder MapUploadsApi(this RouteGroupBuilder v1, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(v1);
        ArgumentNullException.ThrowIfNull(services);
        var uploads = v1.MapGroup("/uploads").RequireAuthorization(Policies.SignedIn).AddEndpointFilter<CookieCallsNeedAntiforgery>().DisableAntiforgery()
            .ExcludeFromDescription();
        var limits = services.GetRequiredService<UploadLimits>();
        uploads.MapPost("", StageAsync).WithMetadata(new RequestSizeLimitAttribute(Math.Max(limits.ModelFile, limits.RunBytes)));
        uploads.MapDelete("/{id}", Remove);
        return v1;
    }

    /// <summary>Keeps the body as a staged file: 201 with its id; 413 over the file's limit or the user's room; 400 when it stopped early.</summary>
    private static async Task<IResult> StageAsync(HttpContext http, StagedUploads staged, UploadLimits limits, ITemporaryFiles temporaries,
        [FromQuery] string? name = null, [FromQuery] string? purpose = null)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var run = string.Equals(purpose, RunPurpose, StringComparison.OrdinalIgnoreCase);
        if (purpose is not null && !run)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, $"purpose is '{RunPurpose}' (a training run's file) or left out (a submission's file).");
        }

        var fileName = run ? RunFileName(name) : Path.GetFileName(name ?? "");
        if (fileName.Length == 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Name the file: ?name=model.onnx.");
        }

        var limit = run ? limits.RunFileLimit(fileName) : limits.FileLimit(fileName);
        var room = staged.MaxBytesPerUser - staged.StagedBytes(userId);
        if (http.Request.ContentLength is { } declared && declared <= limit && declared > room)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge,
                $"You have {ByteSize.Format(staged.MaxBytesPerUser - room)} of files waiting to be submitted; at most {ByteSize.Format(staged.MaxBytesPerUser)} may wait at once. Submit them or remove some first.");
        }

        var (outcome, file, length) = await RequestBodyFile.SaveAsync(http.Request, temporaries, Math.Min(limit, room), Path.GetExtension(fileName));
        switch (outcome)
        {
            case RequestBodyFile.Outcome.Saved:
                var upload = staged.Add(userId, fileName, length, file!);
                return TypedResults.Created($"/api/v1/uploads/{upload.Id}", new ApiStagedUpload(upload.Id, upload.FileName, upload.Length));
            case RequestBodyFile.Outcome.TooLarge when limit <= room && run:
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge,
                    $"{fileName} is larger than {ByteSize.Format(limit)}, the limit of one file of a training run.");
            case RequestBodyFile.Outcome.TooLarge when limit <= room:
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, limits.WhyTooLarge(length, fileName) ?? limits.TooLargeWhileReading(fileName));
            case RequestBodyFile.Outcome.TooLarge:
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge,
                    $"{fileName} does not fit in the room left for files waiting to be submitted ({ByteSize.Format(room)} of {ByteSize.Format(staged.MaxBytesPerUser)}). Submit them or remove some first.");
            default:
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, $"The upload of {fileName} stopped before its end; send it again.");
        }
    }

    /// <summary>The <c>purpose</c> of a training run's file.</summary>
    public const string RunPurpose = "run";

    /// <summary>A run file's name as '/'-separated folder names without empty, "." and ".." parts: a label naming its fold, never a server path.</summary>
    private static string RunFileName(string? name) =>
        string.Join('/', (name ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p is not "." and not ".."));

    private static Microsoft.AspNetCore.Http.HttpResults.NoContent Remove(string id, HttpContext http, StagedUploads staged)
    {
        staged.Remove(id, http.User.FindFirstValue(ClaimTypes.NameIdentifier));
        return TypedResults.NoContent();
    }
}
