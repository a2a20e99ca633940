using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Portal.Core.Competitions;

namespace Portal.Inference.Onnx;

/// <summary>
/// The checks a model passes before it is run (at upload and at load): one float32 input <c>[N, 3, H, W]</c>,
/// one output <c>[N, C]</c> with C the competition's class count, or (for a competition with attribute axes) one output
/// per attribute head <c>[N, axis size]</c> in the axes' order, an opset ONNX Runtime runs. A refusal is one sentence a
/// student understands.
/// </summary>
public sealed record ModelCheck(ModelShape? Shape, string? Refusal)
{
    /// <summary>The oldest default-domain opset accepted (what ONNX Runtime still supports).</summary>
    public const long MinOpset = 7;

    public bool Accepted => Refusal is null;

    /// <summary>ONNX Runtime's own text behind a refusal, for the host's log and the command line; never shown to a participant.</summary>
    public string? Detail { get; init; }

    public static ModelCheck Refuse(string reason) => new(null, reason);

    /// <summary>What a model that keeps tensors in other files is told (it is never run: see <see cref="CheckHeader"/>).</summary>
    public const string OneFileAdvice =
        "Save the model as one file, with its weights inside: in PyTorch torch.onnx.export(..., external_data=False) " +
        "(for a model under 2 GB, the most one ONNX file can hold), or onnx.save_model(model, \"model.onnx\", save_as_external_data=False).";

    /// <summary>
    /// Why <paramref name="fileName"/> is not taken as one of a model submission's files. The weights file of a model saved
    /// with external data (<c>net.onnx.data</c> beside <c>net.onnx</c>, as <c>torch.onnx.export</c> writes for large
    /// models) is named as such, with how to save the model as one file, since that is what the user meant to send.
    /// </summary>
    public static string NotAModelFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return IsExternalDataFile(fileName)
            ? $"'{fileName}' looks like the external-data file of an ONNX model: the model keeps its weights in this separate file, " +
              $"and Portal takes a model as one .onnx file. {OneFileAdvice}"
            : $"'{fileName}' is not an .onnx file; a model submission takes .onnx files only.";
    }

    /// <summary>Whether <paramref name="fileName"/> is named as ONNX external data is (<c>net.onnx.data</c>, <c>net.onnx_data</c>, <c>weights.data</c>).</summary>
    public static bool IsExternalDataFile(string fileName) =>
        fileName.EndsWith(".data", StringComparison.OrdinalIgnoreCase) || IsOnnxExternalDataFile(fileName);

    /// <summary>
    /// Whether <paramref name="fileName"/> is named as the external data of an ONNX file beside it (<c>net.onnx.data</c>,
    /// <c>net.onnx_data</c>, as <c>torch.onnx.export</c> writes): a name no CSV has, so an upload holding it is a model's.
    /// </summary>
    public static bool IsOnnxExternalDataFile(string fileName) =>
        fileName.EndsWith(".onnx.data", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".onnx_data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Checks <paramref name="model"/> before ONNX Runtime parses it: an ONNX ModelProto, an opset ONNX Runtime runs,
    /// and every tensor inside the file. A tensor stored as external data names a file that ONNX Runtime would open
    /// beside the running process, so such a model is refused: an uploaded model must never read a file.
    /// </summary>
    public static ModelCheck? CheckHeader(ReadOnlySpan<byte> model) => CheckHeader(model, allowExternalData: false);

    /// <summary>
    /// As <see cref="CheckHeader(ReadOnlySpan{byte})"/>; <paramref name="allowExternalData"/> is for a user's own model
    /// loaded from its path on the command line, where the weights beside it are the user's own files.
    /// </summary>
    public static ModelCheck? CheckHeader(ReadOnlySpan<byte> model, bool allowExternalData)
    {
        if (OnnxProto.Read(model) is not { } summary)
        {
            return Refuse(OnnxProto.IsTooDeep(model)
                ? $"The model nests subgraphs (If, Loop, Scan) more than {OnnxProto.MaxNesting} levels deep; Portal reads models up to that depth."
                : "The file is not an ONNX model (it could not be read as an ONNX ModelProto).");
        }

        if (summary.Opset < MinOpset)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"The model uses ONNX opset {summary.Opset}; opset {MinOpset} or later is needed. Export it again with a newer opset_version."));
        }

        if (!allowExternalData && summary.ExternalTensor is { } tensor)
        {
            return Refuse($"The model keeps the data of tensor '{Printable(tensor)}' in a separate file, and Portal runs a model from one file only. {OneFileAdvice}");
        }

        return null;
    }

    /// <summary>Checks a loaded session's input and output against a competition with <paramref name="classCount"/> classes.</summary>
    public static ModelCheck Inspect(InferenceSession session, int classCount, long opset) => Inspect(session, classCount, opset, heads: null);

    /// <summary>
    /// Checks a loaded session's input and outputs against a competition with <paramref name="classCount"/> classes:
    /// one output <c>[N, classCount]</c>, or, when <paramref name="heads"/> is given (the competition's attribute axes),
    /// one float32 output <c>[N, size]</c> per head in the heads' order, combined into the classes at run time.
    /// <paramref name="head"/> names the attribute head a single-head model is for (<paramref name="classCount"/> is then
    /// that head's size), so a refusal speaks of the head's values rather than the competition's classes.
    /// </summary>
    public static ModelCheck Inspect(InferenceSession session, int classCount, long opset, AttributeHeads? heads, string? head = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.InputMetadata.Count != 1)
        {
            return Refuse($"The model must have exactly one input (an image batch); it has {session.InputMetadata.Count}.");
        }

        var (inputName, input) = session.InputMetadata.First();
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
        {
            return Refuse($"The model's input '{inputName}' must be a float32 tensor; it is {Describe(input)}.");
        }

        if (input.Dimensions.Length != 4)
        {
            return Refuse($"The model's input '{inputName}' must have 4 dimensions [N, 3, H, W]; it has shape {FormatShape(input)}.");
        }

        if (input.Dimensions[1] != 3)
        {
            return Refuse($"The model's input '{inputName}' must have 3 colour channels in dimension 1 [N, 3, H, W]; it has shape {FormatShape(input)}.");
        }

        var outputs = session.OutputMetadata.ToList();
        if (heads is not null && heads.Classes == classCount && outputs.Count == heads.Sizes.Count && outputs.Count > 1)
        {
            return InspectHeads(inputName, input, outputs, classCount, opset, heads);
        }

        if (outputs.Count != 1)
        {
            return Refuse(heads is not null && heads.Classes == classCount
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The model has {outputs.Count} outputs; it must have one output [N, {classCount}] of class scores, or {heads.Sizes.Count} outputs, one per attribute head in this order: {heads.Describe()}.")
                : head is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"The model must have exactly one output [N, {classCount}] (the {head} head's scores); it has {outputs.Count}.")
                    : $"The model must have exactly one output (class scores); it has {outputs.Count}.");
        }

        var (outputName, output) = outputs[0];
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float)
        {
            return Refuse($"The model's output '{outputName}' must be a float32 tensor; it is {Describe(output)}.");
        }

        if (output.Dimensions.Length != 2)
        {
            return Refuse($"The model's output '{outputName}' must have 2 dimensions [N, classes]; it has shape {FormatShape(output)}.");
        }

        if (output.Dimensions[1] != classCount)
        {
            var given = output.Dimensions[1] < 0 ? "an unknown number of" : output.Dimensions[1].ToString(CultureInfo.InvariantCulture);
            return Refuse(head is not null
                ? string.Create(CultureInfo.InvariantCulture, $"The model gives {given} scores per image; the {head} head has {classCount} values, so it must have one output [N, {classCount}].")
                : string.Create(CultureInfo.InvariantCulture, $"The model gives {given} class scores; this competition has {classCount} classes."));
        }

        var batch = Fixed(input.Dimensions[0]);
        if (BatchProblem(batch, output) is { } batchProblem)
        {
            return Refuse(batchProblem);
        }

        return new ModelCheck(new ModelShape(inputName, outputName, batch, Fixed(input.Dimensions[2]), Fixed(input.Dimensions[3]), classCount, opset), null);
    }

    private static ModelCheck InspectHeads(string inputName, NodeMetadata input, List<KeyValuePair<string, NodeMetadata>> outputs, int classCount, long opset,
        AttributeHeads heads)
    {
        var batch = Fixed(input.Dimensions[0]);
        var fits = outputs.Select((o, a) => o.Value.IsTensor && o.Value.ElementDataType == TensorElementType.Float && o.Value.Dimensions.Length == 2
                                            && o.Value.Dimensions[1] == heads.Sizes[a]).All(f => f);
        if (!fits)
        {
            var shapes = string.Join(", ", outputs.Select(o => o.Value.IsTensor ? FormatShape(o.Value) : Describe(o.Value)));
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"The model's {outputs.Count} outputs are {shapes}; a model with attribute heads gives one float32 output per head in this order: {heads.Describe()} (or give one output [N, {classCount}] of class scores)."));
        }

        foreach (var (_, output) in outputs)
        {
            if (BatchProblem(batch, output) is { } batchProblem)
            {
                return Refuse(batchProblem);
            }
        }

        var shape = new ModelShape(inputName, outputs[0].Key, batch, Fixed(input.Dimensions[2]), Fixed(input.Dimensions[3]), classCount, opset)
        {
            HeadOutputs = outputs.Select(o => o.Key).ToArray(),
            HeadSizes = heads.Sizes.ToArray(),
            HeadNames = heads.Names.ToArray(),
        };
        return new ModelCheck(shape, null);
    }

    private static string? BatchProblem(int? batch, NodeMetadata output)
    {
        var outputBatch = Fixed(output.Dimensions[0]);
        return batch != outputBatch && batch is not null && outputBatch is not null
            ? $"The model's input batch size {batch} differs from its output batch size {outputBatch}."
            : null;
    }

    // A tensor name is the participant's text: shown shortened and without control characters.
    private static string Printable(string name)
    {
        const int MaxShown = 80;
        var clean = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray());
        return clean.Length > MaxShown ? clean[..MaxShown] + "..." : clean;
    }

    private static int? Fixed(int dimension) => dimension > 0 ? dimension : null;

    private static string FormatShape(NodeMetadata node) =>
        "[" + string.Join(", ", node.Dimensions.Select((d, i) => d > 0 ? d.ToString(CultureInfo.InvariantCulture)
            : node.SymbolicDimensions.Length > i && node.SymbolicDimensions[i].Length > 0 ? node.SymbolicDimensions[i] : "?")) + "]";

    private static string Describe(NodeMetadata node) =>
        node.IsTensor ? $"{Article(node.ElementDataType.ToString())} {node.ElementDataType} tensor" : $"{Article(node.OnnxValueType.ToString())} {node.OnnxValueType}";

    // "an Int64 tensor", "a Float16 tensor".
    private static string Article(string word) => word.Length > 0 && "AEIOaeio".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
