using Google.Protobuf;
using Portal.Inference.Onnx.Proto;

namespace Portal.Inference.Onnx;

/// <summary>
/// Reads what Portal needs of an ONNX <c>ModelProto</c> before ONNX Runtime sees it: the IR version, the
/// default-domain opset, and the first tensor that keeps its data in another file. Parsed with Google.Protobuf from
/// ONNX's own message definitions (<c>Proto/onnx_subset.proto</c>); weights and everything else are skipped unread.
/// </summary>
public static class OnnxProto
{
    // Unknown fields (raw weights, shapes, value infos) are skipped, not copied: a 200 MB model costs no copy.
    private static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>What <see cref="Read"/> found in a model.</summary>
    /// <param name="IrVersion">The ONNX IR version (ModelProto.ir_version).</param>
    /// <param name="Opset">The default (<c>ai.onnx</c>) opset version; 0 when the model imports none.</param>
    /// <param name="ExternalTensor">The name of the first tensor stored as external data, or null when every tensor is inside the file.</param>
    public sealed record Summary(long IrVersion, long Opset, string? ExternalTensor);

    /// <summary>How deeply messages may nest (protobuf's default recursion limit): about a third of it in subgraph levels.</summary>
    public const int MaxNesting = 100 / 3;

    /// <summary>Whether <paramref name="model"/> fails to parse only because it nests deeper than protobuf's recursion limit.</summary>
    public static bool IsTooDeep(ReadOnlySpan<byte> model)
    {
        try
        {
            _ = Parser.ParseFrom(model);
            return false;
        }
        catch (InvalidProtocolBufferException e)
        {
            return e.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The first graph input that is not an initializer (the image batch): its name and dimensions, a dimension the
    /// model leaves free (symbolic or unknown) as null; null when the bytes are not an ONNX model or the input has no
    /// tensor shape. A protobuf read only: no ONNX Runtime session, no model code runs, safe in the web process.
    /// </summary>
    public static ModelInputShape? ReadInput(Stream model)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return InputOf(Parser.ParseFrom(model));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="ReadInput(Stream)"/>, from the model's bytes.</summary>
    public static ModelInputShape? ReadInput(ReadOnlySpan<byte> model)
    {
        try
        {
            return InputOf(Parser.ParseFrom(model));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static ModelInputShape? InputOf(ModelProto proto)
    {
        if (proto.IrVersion <= 0 || proto.Graph is not { } graph)
        {
            return null;
        }

        // Before IR version 4 the initializers are listed among the inputs too.
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var input = graph.Input.FirstOrDefault(i => !initializers.Contains(i.Name));
        if (input?.Type?.TensorType?.Shape is not { } shape)
        {
            return null;
        }

        var dims = shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue is > 0 and <= int.MaxValue
            ? (int?)d.DimValue : null).ToArray();
        return new ModelInputShape(input.Name, dims);
    }

    /// <summary>The IR version and default (<c>ai.onnx</c>) opset, or null when the bytes are not such a model.</summary>
    public static (long IrVersion, long Opset)? ReadVersions(ReadOnlySpan<byte> model) =>
        Read(model) is { } summary ? (summary.IrVersion, summary.Opset) : null;

    /// <summary>
    /// Parses <paramref name="model"/>; null when it is not an ONNX model (not a protobuf, no IR version or no
    /// graph, or nested deeper than protobuf's recursion limit of 100 messages).
    /// </summary>
    public static Summary? Read(ReadOnlySpan<byte> model)
    {
        ModelProto proto;
        try
        {
            proto = Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        if (proto.IrVersion <= 0 || proto.Graph is null)
        {
            return null;
        }

        var opset = proto.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        return new Summary(proto.IrVersion, opset, FirstExternal(proto));
    }

    private static string? FirstExternal(ModelProto model) =>
        FirstExternal(model.Graph)
        ?? model.Functions.SelectMany(f => f.Node).Select(FirstExternal).FirstOrDefault(n => n is not null)
        ?? model.Functions.SelectMany(f => f.AttributeProto).Select(FirstExternal).FirstOrDefault(n => n is not null)
        ?? model.TrainingInfo.SelectMany(t => new[] { t.Initialization, t.Algorithm }).Select(FirstExternal).FirstOrDefault(n => n is not null);

    private static string? FirstExternal(GraphProto? graph)
    {
        if (graph is null)
        {
            return null;
        }

        return graph.Initializer.Select(FirstExternal).FirstOrDefault(n => n is not null)
               ?? graph.SparseInitializer.Select(FirstExternal).FirstOrDefault(n => n is not null)
               ?? graph.Node.Select(FirstExternal).FirstOrDefault(n => n is not null);
    }

    private static string? FirstExternal(NodeProto node) => node.Attribute.Select(FirstExternal).FirstOrDefault(n => n is not null);

    private static string? FirstExternal(AttributeProto attribute) =>
        FirstExternal(attribute.T)
        ?? FirstExternal(attribute.SparseTensor)
        ?? attribute.Tensors.Select(FirstExternal).FirstOrDefault(n => n is not null)
        ?? attribute.SparseTensors.Select(FirstExternal).FirstOrDefault(n => n is not null)
        ?? FirstExternal(attribute.G)
        ?? attribute.Graphs.Select(FirstExternal).FirstOrDefault(n => n is not null);

    private static string? FirstExternal(SparseTensorProto? sparse) =>
        sparse is null ? null : FirstExternal(sparse.Values) ?? FirstExternal(sparse.Indices);

    private static string? FirstExternal(TensorProto? tensor) =>
        tensor is not null && (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
            ? (tensor.Name.Length > 0 ? tensor.Name : "(unnamed)")
            : null;
}
