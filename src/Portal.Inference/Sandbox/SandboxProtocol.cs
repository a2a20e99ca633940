using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Inference.Sandbox;

/// <summary>
/// The lines the parent and the runner exchange. The runner writes <see cref="Ready"/> once started and warm; the parent
/// answers with the request's path; the runner then writes <see cref="Progress"/> lines and, at its end, its reply
/// file. A <see cref="Cancel"/> line, or the end of its standard input (the parent died), stops the runner.
/// </summary>
public static class SandboxProtocol
{
    /// <summary>The runner is up (the .NET runtime started; no model is loaded yet).</summary>
    public const string Ready = "ready";

    /// <summary>Stop now: ONNX Runtime is told to terminate the batch in progress.</summary>
    public const string Cancel = "cancel";

    /// <summary>"progress N": N images have been run through every view.</summary>
    public const string Progress = "progress";

    /// <summary>How request and reply are written: camelCase, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ProgressLine(int done) => string.Create(CultureInfo.InvariantCulture, $"{Progress} {done}");

    /// <summary>The images done in a <see cref="ProgressLine"/>, or null for another line.</summary>
    public static int? ParseProgress(string? line) =>
        line is not null && line.StartsWith(Progress + " ", StringComparison.Ordinal)
        && int.TryParse(line.AsSpan(Progress.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var done)
            ? done
            : null;
}
