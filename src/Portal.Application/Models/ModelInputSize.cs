using System.Globalization;
using Portal.Inference.Onnx;

namespace Portal.Application.Models;

/// <summary>
/// The input size a model file declares, read for the Submit form so that its width and height start at the model's
/// own: a protobuf read of the graph's input (<see cref="OnnxProto.ReadInput(Stream)"/>), never an ONNX Runtime session,
/// so it is safe in the web process. A size the model leaves free keeps the form's default, with a note saying so.
/// </summary>
/// <param name="Width">The model's fixed input width in pixels, or null when it is free or could not be read.</param>
/// <param name="Height">The model's fixed input height in pixels, or null when it is free or could not be read.</param>
/// <param name="Note">A sentence for the form: where the size came from, or why it was left as it was.</param>
public sealed record ModelInputSize(int? Width, int? Height, string Note)
{
    /// <summary>Reads the declared input size of each of <paramref name="files"/> (the .onnx files picked).</summary>
    public static async Task<ModelInputSize> ReadAsync(IReadOnlyList<ModelUpload> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var shapes = new List<(string Name, ModelInputShape? Shape)>();
        foreach (var file in files)
        {
            await using var stream = file.Open();
            // Parsing is synchronous; off the caller's thread, so a large model does not hold up a page.
            var shape = await Task.Run(() => OnnxProto.ReadInput(stream), cancellationToken);
            shapes.Add((Path.GetFileName(file.FileName), shape));
        }

        return From(shapes);
    }

    /// <summary>What the form is told for these files' declared inputs (null: the file could not be read as an ONNX model).</summary>
    public static ModelInputSize From(IReadOnlyList<(string Name, ModelInputShape? Shape)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return new ModelInputSize(null, null, "");
        }

        if (files.FirstOrDefault(f => f.Shape is not { IsImageBatch: true }) is { Name: { } unread, Shape: var bad })
        {
            return new ModelInputSize(null, null, bad is null
                ? $"'{unread}' could not be read as an ONNX model; it is checked in full when you submit."
                : $"The input of '{unread}' is not an image batch [N, 3, H, W]; it is checked in full when you submit.");
        }

        var sizes = files.Select(f => (f.Shape!.Width, f.Shape.Height)).Distinct().ToList();
        if (sizes.Count > 1)
        {
            return new ModelInputSize(null, null, "The models declare different input sizes; all of them run at the one size set here.");
        }

        var (width, height) = sizes[0];
        if (width is { } w && height is { } h)
        {
            return new ModelInputSize(w, h, string.Create(CultureInfo.InvariantCulture,
                $"Width and height are the model's own input size, {w}x{h}."));
        }

        return new ModelInputSize(width, height,
            "The model leaves its input size free, so the default is kept: set the width and height it was trained at.");
    }
}
