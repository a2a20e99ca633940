using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Application.Submissions;
using Portal.Application.TrainingRuns;
using Portal.Core.Submissions;
using Portal.Data.Storage;

namespace Portal.Web.Api;

/// <summary>
/// The multipart form of a training-run upload, read as a stream: every file part (any field name; a file name may carry
/// folders, "fold_0/events.out.tfevents...", which name the run) is kept in a temporary file and cut off one byte past its
/// limit (<see cref="TrainingRunOptions.MaxFileBytes"/>, a zip <see cref="TrainingRunOptions.MaxUploadBytes"/>); the
/// whole body is held to <see cref="TrainingRunOptions.MaxUploadBytes"/> plus the form's allowance; the text field
/// <c>commit</c> is kept. Disposing deletes the kept files.
/// </summary>
public sealed class TrainingRunForm : IDisposable
{
    private readonly List<TrainingRunUpload> _files = [];
    private readonly List<TemporaryFile> _temporaries = [];

    private TrainingRunForm()
    {
    }

    /// <summary>The files, in the order sent.</summary>
    public IReadOnlyList<TrainingRunUpload> Files => _files;

    /// <summary>The <c>commit</c> field, trimmed; null when absent or blank.</summary>
    public string? Commit { get; private set; }

    /// <summary>Why the form was refused (413 with the limit, or 400), or null.</summary>
    public ProblemHttpResult? Refusal { get; private set; }

    /// <summary>The largest body taken: the run's limit and room for the multipart framing.</summary>
    public static long BodyLimit(TrainingRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxUploadBytes + UploadLimits.FormAllowance;
    }

    /// <summary>Reads the form of <paramref name="request"/>.</summary>
    public static async Task<TrainingRunForm> ReadAsync(HttpRequest request, TrainingRunOptions options, ITemporaryFiles temporaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(temporaries);
        var form = new TrainingRunForm();
        var limit = BodyLimit(options);
        if (request.ContentLength > limit)
        {
            return form.Refuse(StatusCodes.Status413PayloadTooLarge, TooLarge(options));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return form;
        }

        var reader = new MultipartReader(boundary, new BodyLimitStream(request.Body, limit), UploadLimits.MultipartBuffer);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    var most = fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? options.MaxUploadBytes : options.MaxFileBytes;
                    var kept = temporaries.CreateFile();
                    form._temporaries.Add(kept);
                    var (length, complete) = await UploadFiles.CopyAtMostAsync(section.Body, kept.Path, most + 1, cancellationToken);
                    var path = kept.Path;
                    form._files.Add(new TrainingRunUpload(fileName, complete ? length : null,
                        () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)));
                    if (!complete)
                    {
                        break;
                    }
                }
                else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "commit")
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[UploadLimits.MaxFieldBytes];
                    var read = await text.ReadBlockAsync(buffer, cancellationToken);
                    form.Commit = new string(buffer, 0, read).Trim() is { Length: > 0 } commit ? commit : null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return form.Refuse(StatusCodes.Status413PayloadTooLarge, TooLarge(options));
        }
        catch (InvalidDataException)
        {
            return form.Refuse(StatusCodes.Status400BadRequest, "The upload is not a complete multipart form; send the run's files (or a zip of its folder) as file fields.");
        }

        return form;
    }

    public void Dispose()
    {
        foreach (var temporary in _temporaries)
        {
            temporary.Dispose();
        }
    }

    private static string TooLarge(TrainingRunOptions options) =>
        $"This upload is larger than its limit: a training run may be at most {ByteSize.Format(options.MaxUploadBytes)} in all and {ByteSize.Format(options.MaxFileBytes)} per file.";

    private TrainingRunForm Refuse(int status, string detail)
    {
        Refusal = ApiProblems.Problem(status, detail);
        return this;
    }
}
