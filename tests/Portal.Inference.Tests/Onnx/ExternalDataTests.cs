using Portal.Inference.Onnx;

namespace Portal.Inference.Tests.Onnx;

/// <summary>A tensor stored as external data names a file the server would open: refused wherever the tensor sits.</summary>
public sealed class ExternalDataTests
{
    private const int Classes = 18;

    public static TheoryData<string> Placements => ["initializer", "constant", "subgraph", "function-default"];

    [Theory]
    [MemberData(nameof(Placements))]
    public void CheckHeader_ExternalTensor_RefusedWithHowToSaveOneFile(string placement)
    {
        var model = Hostile(placement, "data/portal.db");

        var check = ModelCheck.CheckHeader(model);

        Assert.NotNull(check);
        Assert.Contains("in a separate file", check.Refusal, StringComparison.Ordinal);
        Assert.Contains(ModelCheck.OneFileAdvice, check.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("portal.db", check.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void Load_ExternalTensorPointingAtAFileThatExists_RefusedBeforeOnnxRuntimeReadsIt(string placement)
    {
        // The file exists in the working directory, where ONNX Runtime would resolve it for a model loaded from bytes.
        var existing = Path.GetFileName(typeof(ExternalDataTests).Assembly.Location);
        Assert.True(File.Exists(existing) || File.Exists(Path.Combine(AppContext.BaseDirectory, existing)));

        using var loaded = LoadedModel.Load(Hostile(placement, existing), Classes, ExecutionProviderChoice.Cpu);

        Assert.False(loaded.Check.Accepted);
        Assert.Null(loaded.Session);
        Assert.Contains("in a separate file", loaded.Check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckHeader_CommandLineOwnModel_AllowsExternalData()
    {
        Assert.Null(ModelCheck.CheckHeader(HostileModels.ExternalInitializer(Classes, "net.onnx.data"), allowExternalData: true));
    }

    [Fact]
    public void Read_OrdinaryModel_FindsVersionsAndNoExternalTensor()
    {
        var summary = OnnxProto.Read(HostileModels.LoopBomb(Classes, 3));

        Assert.NotNull(summary);
        Assert.Equal(8, summary.IrVersion);
        Assert.Equal(13, summary.Opset);
        Assert.Null(summary.ExternalTensor);
    }

    [Fact]
    public void CheckHeader_SubgraphsNestedFiftyDeep_SaysHowDeepItMayBe()
    {
        var check = ModelCheck.CheckHeader(HostileModels.DeeplyNestedIfs(Classes, 50));

        Assert.NotNull(check);
        Assert.StartsWith("The model nests subgraphs (If, Loop, Scan) more than", check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckHeader_SubgraphsNestedTenDeep_Accepted()
    {
        Assert.Null(ModelCheck.CheckHeader(HostileModels.DeeplyNestedIfs(Classes, 10)));
    }

    [Fact]
    public void Read_NotAProtobuf_IsNull()
    {
        Assert.Null(OnnxProto.Read("name,class\nx,1\n"u8));
    }

    private static byte[] Hostile(string placement, string location) => placement switch
    {
        "initializer" => HostileModels.ExternalInitializer(Classes, location),
        "constant" => HostileModels.ExternalConstant(Classes, location),
        "subgraph" => HostileModels.ExternalInSubgraph(Classes, location),
        _ => HostileModels.ExternalInFunctionDefault(Classes, location),
    };
}
