using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Core.Submissions;
using Portal.Application.Submissions;
using Portal.Data.Storage;

namespace Portal.Web.Api;

/// <summary>
/// The multipart form of the submissions endpoint, read as a stream rather than buffered whole: a body that declares more
/// than its limit is refused before a byte is read, and each file is kept to its own limit (a CSV the CSV limit, a model
/// the model limit) and cut off one byte past it, so nothing larger ever reaches the disk. The service that takes the
/// upload sees the extra byte and refuses the file as too large, naming it. The training run sent with a submission
/// (<see cref="RunField"/> parts) is kept the same way, each part to its run file limit; a cut-off run part does not stop
/// the form (the submission still goes in; the run is refused as too large). Disposing deletes the kept files.
/// </summary>
public sealed class SubmissionForm : IDisposable
{
    /// <summary>The field that carries the files.</summary>
    public const string FileField = "file";

    /// <summary>The field that carries the files of the submission's training run (file names keep their folders).</summary>
    public const string RunField = "run";

    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<UploadedFile> _files = [];
    private readonly List<UploadedFile> _runFiles = [];
    private readonly List<TemporaryFile> _temporaries = [];

    private SubmissionForm()
    {
    }

    /// <summary>The <c>file</c> parts, in order; after a cut-off file, nothing more was read.</summary>
    public IReadOnlyList<UploadedFile> Files => _files;

    /// <summary>
    /// The <c>run</c> parts, in order, each named as sent ("fold_0/events.out.tfevents.1"); a part's length is null when it
    /// was cut off past its limit.
    /// </summary>
    public IReadOnlyList<UploadedFile> RunFiles => _runFiles;

    /// <summary>Why the form was refused (413 with the limit, or 400), or null.</summary>
    public ProblemHttpResult? Refusal { get; private set; }

    /// <summary>Whether the files are ONNX models rather than a CSV.</summary>
    public bool IsModelUpload => _files.Any(f => UploadLimits.IsModelPart(f.FileName));

    /// <summary>A field's trimmed value; null when absent or blank.</summary>
    public string? Field(string name) =>
        _fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Reads the form of <paramref name="request"/>, keeping its files in <paramref name="temporaries"/>.</summary>
    public static async Task<SubmissionForm> ReadAsync(HttpRequest request, UploadLimits limits, ITemporaryFiles temporaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(temporaries);
        var form = new SubmissionForm();
        if (limits.WhyTooLarge(request.ContentLength) is { } declaredTooLarge)
        {
            return form.Refuse(StatusCodes.Status413PayloadTooLarge, declaredTooLarge);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            // No form: the caller answers that the file is missing.
            return form;
        }

        var body = new BodyLimitStream(request.Body, limits.AnyBody);
        var reader = new MultipartReader(boundary, body, UploadLimits.MultipartBuffer);
        string? first = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (name == RunField)
                    {
                        var runFile = temporaries.CreateFile();
                        form._temporaries.Add(runFile);
                        var (runLength, runComplete) = await UploadFiles.CopyAtMostAsync(section.Body, runFile.Path, limits.RunFileLimit(fileName) + 1, cancellationToken);
                        form._runFiles.Add(new UploadedFile(fileName, runComplete ? runLength : null, runFile.Path));
                        continue;
                    }

                    if (name != FileField)
                    {
                        continue;
                    }

                    if (first is null)
                    {
                        // The first file tells a CSV from a model upload, and so which limit the declared length must meet.
                        first = fileName;
                        if (limits.WhyTooLarge(request.ContentLength, fileName) is { } tooLarge)
                        {
                            return form.Refuse(StatusCodes.Status413PayloadTooLarge, tooLarge);
                        }

                        body.Limit = limits.BodyLimit(fileName);
                    }

                    var kept = temporaries.CreateFile();
                    // Known before the copy starts, so a body cut off in the middle of a file leaves nothing behind.
                    form._temporaries.Add(kept);
                    var (length, complete) = await UploadFiles.CopyAtMostAsync(section.Body, kept.Path, limits.FileLimit(fileName) + 1, cancellationToken);
                    form._files.Add(new UploadedFile(fileName, complete ? length : null, kept.Path));
                    if (!complete)
                    {
                        break;
                    }
                }
                else if (disposition.IsFormDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return form.Refuse(StatusCodes.Status413PayloadTooLarge,
                            $"The form field '{name}' is longer than {ByteSize.Format(UploadLimits.MaxFieldBytes)}.");
                    }

                    _ = form._fields.TryAdd(name, value);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return form.Refuse(StatusCodes.Status413PayloadTooLarge, limits.TooLargeWhileReading(first));
        }
        catch (InvalidDataException)
        {
            return form.Refuse(StatusCodes.Status400BadRequest, "The upload is not a complete multipart form; send the file as the multipart field 'file'.");
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

    private SubmissionForm Refuse(int status, string detail)
    {
        Refusal = ApiProblems.Problem(status, detail);
        return this;
    }

    /// <summary>A form field's text; null when it is longer than <see cref="UploadLimits.MaxFieldBytes"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[UploadLimits.MaxFieldBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > UploadLimits.MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }
}
