using static Portal.Inference.Tests.Onnx.ProtoWriter;

namespace Portal.Inference.Tests.Onnx;

/// <summary>
/// Models a hostile participant could upload, written byte by byte. Each is a valid image classifier on the outside
/// (input <c>[N, 3, H, W]</c> float32, output <c>[N, classes]</c>), the channel-mean classifier of
/// <see cref="TestModels"/>, plus one trap: a tensor whose bytes live in another file (in an initializer, in a
/// Constant node, inside an If's subgraph), a Loop that never ends, or an allocation of gigabytes.
/// </summary>
internal static class HostileModels
{
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private const int BoolType = 9;
    private const int TensorAttribute = 4;
    private const int GraphAttribute = 5;
    private const int IntAttribute = 2;
    private const int Opset = 13;

    /// <summary>The classifier with its weight W stored as external data at <paramref name="location"/>.</summary>
    public static byte[] ExternalInitializer(int classes, string location) =>
        Model(Classifier(classes, externalWeights: location), classes);

    /// <summary>The classifier plus a Constant node whose value tensor is external data at <paramref name="location"/>.</summary>
    public static byte[] ExternalConstant(int classes, string location)
    {
        var graph = Classifier(classes, output: "scores")
            .Message(1, Node("Constant", [], ["offset"]).Message(5, TensorAttr("value", ExternalTensor("offset", [classes], location))))
            .Message(1, Node("Add", ["scores", "offset"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>The classifier plus an If whose then-branch holds a Constant of external data at <paramref name="location"/>.</summary>
    public static byte[] ExternalInSubgraph(int classes, string location)
    {
        ProtoWriter Branch(string name, ProtoWriter tensor) => new ProtoWriter()
            .Message(1, Node("Constant", [], [name + "_out"]).Message(5, TensorAttr("value", tensor)))
            .String(2, name)
            .Message(12, ValueInfo(name + "_out", FloatType, [classes]));
        var graph = Classifier(classes, output: "scores")
            .Message(5, BoolTensor("always", true))
            .Message(1, Node("If", ["always"], ["offset"])
                .Message(5, GraphAttr("then_branch", Branch("then", ExternalTensor("secret", [classes], location))))
                .Message(5, GraphAttr("else_branch", Branch("else", ProtoWriter.FloatTensor("zeros", [classes], new float[classes])))))
            .Message(1, Node("Add", ["scores", "offset"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>
    /// The classifier plus a call of a model-local function whose Constant takes its value from the function's
    /// attribute <c>v</c>, whose default (FunctionProto.attribute_proto) is external data at <paramref name="location"/>.
    /// </summary>
    public static byte[] ExternalInFunctionDefault(int classes, string location)
    {
        const string domain = "portal.hostile";
        var constant = Node("Constant", [], ["out"])
            .Message(5, new ProtoWriter().String(1, "value").Varint(20, TensorAttribute).String(21, "v"));
        var function = new ProtoWriter()
            .String(1, "offsets")
            .String(5, "out")
            .Message(7, constant)
            .Message(8, new ProtoWriter())
            .Message(9, new ProtoWriter().String(1, "").Varint(2, Opset))
            .String(10, domain)
            .Message(11, TensorAttr("v", ExternalTensor("secret", [classes], location)));
        var graph = Classifier(classes, output: "scores")
            .Message(1, Node("offsets", [], ["offset"]).String(7, domain))
            .Message(1, Node("Add", ["scores", "offset"], ["output"]));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests.HostileModels")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, Opset))
            .Message(8, new ProtoWriter().String(1, domain).Varint(2, 1))
            .Message(25, function)
            .ToArray();
    }

    /// <summary>
    /// The classifier plus a Loop of <paramref name="iterations"/> steps that starts from the input's sum (so it runs
    /// at run time, not when the model is loaded) and adds 0 times its result to the scores.
    /// </summary>
    public static byte[] LoopBomb(int classes, long iterations = 1_000_000_000_000)
    {
        var body = new ProtoWriter()
            .Message(1, Node("Identity", ["cond_in"], ["cond_out"]))
            .Message(1, Node("Add", ["v_in", "one"], ["v_out"]))
            .String(2, "body")
            .Message(5, ProtoWriter.FloatTensor("one", [], [1f]))
            .Message(11, ValueInfo("iteration", Int64Type, []))
            .Message(11, ValueInfo("cond_in", BoolType, []))
            .Message(11, ValueInfo("v_in", FloatType, []))
            .Message(12, ValueInfo("cond_out", BoolType, []))
            .Message(12, ValueInfo("v_out", FloatType, []));
        var graph = Classifier(classes, output: "scores")
            .Message(5, Int64Tensor("trips", [], [iterations]))
            .Message(5, ProtoWriter.FloatTensor("zero", [], [0f]))
            .Message(1, Node("ReduceSum", ["input"], ["total"]).Message(5, IntAttr("keepdims", 0)))
            .Message(1, Node("Loop", ["trips", "", "total"], ["looped"]).Message(5, GraphAttr("body", body)))
            .Message(1, Node("Mul", ["looped", "zero"], ["nothing"]))
            .Message(1, Node("Add", ["scores", "nothing"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>
    /// The classifier plus a ConstantOfShape of <paramref name="floats"/> float32 values whose shape is computed from
    /// the input at run time (input sum x 0 + floats), summed and multiplied by 0 into the scores.
    /// </summary>
    public static byte[] AllocationBomb(int classes, long floats)
    {
        var graph = Classifier(classes, output: "scores")
            .Message(5, ProtoWriter.FloatTensor("zero", [], [0f]))
            .Message(5, ProtoWriter.FloatTensor("count", [], [floats]))
            .Message(5, Int64Tensor("one_dim", [1], [1]))
            .Message(1, Node("ReduceSum", ["input"], ["total"]).Message(5, IntAttr("keepdims", 0)))
            .Message(1, Node("Mul", ["total", "zero"], ["nought"]))
            .Message(1, Node("Add", ["nought", "count"], ["size_float"]))
            .Message(1, Node("Cast", ["size_float"], ["size_scalar"]).Message(5, IntAttr("to", Int64Type)))
            .Message(1, Node("Reshape", ["size_scalar", "one_dim"], ["size"]))
            .Message(1, Node("ConstantOfShape", ["size"], ["huge"]))
            .Message(1, Node("ReduceSum", ["huge"], ["huge_sum"]).Message(5, IntAttr("keepdims", 0)))
            .Message(1, Node("Mul", ["huge_sum", "zero"], ["nothing"]))
            .Message(1, Node("Add", ["scores", "nothing"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>The classifier plus a ConstantOfShape of <paramref name="floats"/> values with a constant shape (ONNX Runtime does not fold ConstantOfShape at load, so it allocates when run).</summary>
    public static byte[] ConstantShapeAllocationBomb(int classes, long floats)
    {
        var graph = Classifier(classes, output: "scores")
            .Message(5, ProtoWriter.FloatTensor("zero", [], [0f]))
            .Message(5, Int64Tensor("size", [1], [floats]))
            .Message(1, Node("ConstantOfShape", ["size"], ["huge"]))
            .Message(1, Node("ReduceSum", ["huge"], ["huge_sum"]).Message(5, IntAttr("keepdims", 0)))
            .Message(1, Node("Mul", ["huge_sum", "zero"], ["nothing"]))
            .Message(1, Node("Add", ["scores", "nothing"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>
    /// The classifier plus a sparse initializer of <paramref name="floats"/> float32 values with one non-zero: a few
    /// hundred bytes that ONNX Runtime makes dense when it loads the model, before anything runs.
    /// </summary>
    public static byte[] SparseInitializerBomb(int classes, long floats)
    {
        var sparse = new ProtoWriter()
            .Message(1, ProtoWriter.FloatTensor("dense", [1], [1f]))
            .Message(2, Int64Tensor("dense_indices", [1], [0]))
            .Varint(3, floats);
        var graph = Classifier(classes, output: "scores")
            .Message(15, sparse)
            .Message(5, ProtoWriter.FloatTensor("zero", [], [0f]))
            .Message(1, Node("ReduceSum", ["dense"], ["dense_sum"]).Message(5, IntAttr("keepdims", 0)))
            .Message(1, Node("Mul", ["dense_sum", "zero"], ["nothing"]))
            .Message(1, Node("Add", ["scores", "nothing"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>The classifier whose scores are divided by zero: NaN (0/0) and infinities come out.</summary>
    public static byte[] NaNScores(int classes)
    {
        var graph = Classifier(classes, output: "scores")
            .Message(5, ProtoWriter.FloatTensor("nought", [], [0f]))
            .Message(1, Node("Mul", ["scores", "nought"], ["zeros"]))
            .Message(1, Node("Div", ["zeros", "nought"], ["output"]));
        return Model(graph, classes);
    }

    /// <summary>The classifier plus an If whose branch holds an If whose branch holds ..., <paramref name="depth"/> levels deep.</summary>
    public static byte[] DeeplyNestedIfs(int classes, int depth)
    {
        ProtoWriter Leaf() => new ProtoWriter()
            .Message(1, Node("Constant", [], ["level_out"]).Message(5, TensorAttr("value", ProtoWriter.FloatTensor("zeros", [classes], new float[classes]))))
            .String(2, "leaf")
            .Message(12, ValueInfo("level_out", FloatType, [classes]));
        var inner = Leaf();
        for (var level = 0; level < depth; level++)
        {
            // Only the then-branch goes deeper: the model grows by a level, not by doubling.
            inner = new ProtoWriter()
                .Message(1, Node("If", ["always"], ["level_out"]).Message(5, GraphAttr("then_branch", inner)).Message(5, GraphAttr("else_branch", Leaf())))
                .String(2, $"level{level}")
                .Message(12, ValueInfo("level_out", FloatType, [classes]));
        }

        var graph = Classifier(classes, output: "scores")
            .Message(5, BoolTensor("always", true))
            .Message(1, Node("If", ["always"], ["offset"]).Message(5, GraphAttr("then_branch", inner)).Message(5, GraphAttr("else_branch", Leaf())))
            .Message(1, Node("Add", ["scores", "offset"], ["output"]));
        return Model(graph, classes);
    }

    private static ProtoWriter Classifier(int classes, string output = "output", string? externalWeights = null)
    {
        var weights = new float[3 * classes];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (i % 7) - 3;
        }

        return new ProtoWriter()
            .Message(1, Node("GlobalAveragePool", ["input"], ["pooled"]))
            .Message(1, Node("Flatten", ["pooled"], ["features"]))
            .Message(1, Node("MatMul", ["features", "W"], ["linear"]))
            .Message(1, Node("Add", ["linear", "b"], [output]))
            .String(2, "hostile")
            .Message(5, externalWeights is null ? ProtoWriter.FloatTensor("W", [3, classes], weights) : ExternalTensor("W", [3, classes], externalWeights))
            .Message(5, ProtoWriter.FloatTensor("b", [classes], new float[classes]))
            .Message(11, ProtoWriter.FloatValueInfo("input", [null, 3, null, null]))
            .Message(12, ProtoWriter.FloatValueInfo("output", [null, classes]));
    }

    private static byte[] Model(ProtoWriter graph, int classes)
    {
        _ = classes;
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests.HostileModels")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, Opset))
            .ToArray();
    }

    /// <summary>A float32 TensorProto whose data is external: data_location = EXTERNAL and location/offset/length entries.</summary>
    private static ProtoWriter ExternalTensor(string name, long[] dims, string location)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        var length = dims.Aggregate(4L, (a, d) => a * d);
        return tensor.Varint(2, FloatType).String(8, name)
            .Message(13, new ProtoWriter().String(1, "location").String(2, location))
            .Message(13, new ProtoWriter().String(1, "offset").String(2, "0"))
            .Message(13, new ProtoWriter().String(1, "length").String(2, length.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Varint(14, 1);
    }

    private static ProtoWriter Int64Tensor(string name, long[] dims, long[] values)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        tensor.Varint(2, Int64Type);
        foreach (var v in values)
        {
            tensor.Varint(7, v);
        }

        return tensor.String(8, name);
    }

    private static ProtoWriter BoolTensor(string name, bool value) =>
        new ProtoWriter().Varint(2, BoolType).Varint(5, value ? 1 : 0).String(8, name);

    private static ProtoWriter ValueInfo(string name, int elementType, int[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape)
        {
            dims.Message(1, new ProtoWriter().Varint(1, d));
        }

        var tensorType = new ProtoWriter().Varint(1, elementType).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static ProtoWriter TensorAttr(string name, ProtoWriter tensor) =>
        new ProtoWriter().String(1, name).Message(5, tensor).Varint(20, TensorAttribute);

    private static ProtoWriter GraphAttr(string name, ProtoWriter graph) =>
        new ProtoWriter().String(1, name).Message(6, graph).Varint(20, GraphAttribute);

    private static ProtoWriter IntAttr(string name, long value) =>
        new ProtoWriter().String(1, name).Varint(3, value).Varint(20, IntAttribute);
}
