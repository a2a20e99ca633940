using Microsoft.Extensions.Options;
using Portal.Core.Submissions;
using Portal.Application.Models;
using Portal.Inference.Onnx;
using Portal.Web.Hosting;
using Portal.Application;
using Portal.Application.TrainingRuns;

namespace Portal.Web.Api;

/// <summary>
/// How large a submission upload may be, from the options that hold the file limits (<c>Portal:MaxCsvBytes</c>,
/// <c>Inference:MaxModelBytes</c>, <c>Inference:MaxModelsPerSubmission</c> and <c>TrainingRuns:MaxUploadBytes</c>): a CSV
/// body is the CSV limit, a model body the model limit per file times the files, each with room for the training run
/// that may come with it (<c>run</c> parts) and for the form around the files.
/// </summary>
public sealed class UploadLimits(IOptions<PortalOptions> portal, IOptions<InferenceOptions> inference, IOptions<TrainingRunOptions> runs)
{
    /// <summary>
    /// How much of a multipart body is read at a time (bytes): <c>MultipartReader</c>'s default of 4 KiB makes a CSV of
    /// 600 KB 150 reads and boundary scans. It is also how far a body is read ahead before the first file's name (which
    /// decides the limit its declared length must meet) is known, so it stays small.
    /// </summary>
    public const int MultipartBuffer = 16 * 1024;

    /// <summary>Room for the multipart framing and the form fields around the files.</summary>
    public const long FormAllowance = 1024 * 1024;

    /// <summary>The largest form field (description, settings) read.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>The largest CSV file.</summary>
    public long CsvFile => portal.Value.MaxCsvBytes;

    /// <summary>The largest model file.</summary>
    public long ModelFile => inference.Value.MaxModelBytes;

    /// <summary>The largest training run sent with a submission (all its <c>run</c> parts together), in bytes.</summary>
    public long RunBytes => runs.Value.MaxUploadBytes;

    /// <summary>The largest body of a CSV upload (with its training run).</summary>
    public long CsvBody => CsvFile + RunBytes + FormAllowance;

    /// <summary>The largest body of a model upload (with its training run).</summary>
    public long ModelBody => ModelFile * inference.Value.MaxModelsPerSubmission + RunBytes + FormAllowance;

    /// <summary>The largest body of the submissions endpoint, which takes either.</summary>
    public long AnyBody => Math.Max(CsvBody, ModelBody);

    /// <summary>The largest file of a part named <paramref name="fileName"/>.</summary>
    public long FileLimit(string fileName) => IsModelPart(fileName) ? ModelFile : CsvFile;

    /// <summary>
    /// The largest file of a training-run part named <paramref name="fileName"/> (a path such as
    /// <c>fold_0/events.out.tfevents.1</c>): a zip of the run folder may be the whole run, any other file one run file.
    /// </summary>
    public long RunFileLimit(string fileName) =>
        fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? runs.Value.MaxUploadBytes : runs.Value.MaxFileBytes;

    /// <summary>The largest body of an upload whose (first) file is <paramref name="fileName"/>.</summary>
    public long BodyLimit(string fileName) => IsModelPart(fileName) ? ModelBody : CsvBody;

    /// <summary>Why a body declared as <paramref name="declared"/> bytes is refused before it is read; null when it may be read.</summary>
    /// <param name="declared">The request's Content-Length, when it has one.</param>
    /// <param name="fileName">The upload's first file, once its part has begun; null before (then the larger limit holds).</param>
    public string? WhyTooLarge(long? declared, string? fileName = null) =>
        declared is { } bytes && bytes > (fileName is null ? AnyBody : BodyLimit(fileName))
            ? $"This upload is {ByteSize.Format(bytes)}; {Limit(fileName)}."
            : null;

    /// <summary>Why a body read past its limit (a body sent without a length) is refused.</summary>
    public string TooLargeWhileReading(string? fileName) => $"This upload is larger than its limit: {Limit(fileName)}.";

    /// <summary>Whether a file is a model (by its name, as the submissions endpoint tells CSV and models apart).</summary>
    public static bool IsModelFile(string fileName) => fileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="fileName"/> belongs to a model upload: an .onnx file, or the weights file ONNX writes beside
    /// one (<c>net.onnx.data</c>, <c>net.onnx_data</c>), which the model check then explains rather than the CSV check
    /// calling it binary.
    /// </summary>
    public static bool IsModelPart(string fileName) =>
        IsModelFile(fileName) || ModelCheck.IsOnnxExternalDataFile(fileName);

    private string Limit(string? fileName) => (fileName is null
        ? $"a submission may be at most {ByteSize.Format(CsvFile)} as a CSV, or {ByteSize.Format(ModelFile)} per model file and {ByteSize.Format(ModelBody)} in all"
        : IsModelPart(fileName)
            ? $"a model submission may be at most {ByteSize.Format(ModelFile)} per file and {ByteSize.Format(ModelBody)} in all"
            : $"a CSV submission may be at most {ByteSize.Format(CsvFile)}")
        + $", and the training run sent with it at most {ByteSize.Format(RunBytes)}";
}
