using System.Globalization;
using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests.Cases;

/// <summary>
/// Case 13: <c>portal infer --model model/net.onnx</c>, whose weights sit in model/net.onnx.data, run as its own
/// process from a folder other than the model's: the weights are found beside the model, as onnx.load finds them.
/// </summary>
public sealed class ExternalDataInferTests : IDisposable
{
    private const string Case = "13-onnx-external-data";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Infer_ModelWithExternalDataFromTheCaseFolder_EqualsTheReference()
    {
        var outPath = _dir.File("x.csv");

        var result = await PortalProcess.RunAsync(CaseFiles.Path(Case),
            "infer", "--model", "model/net.onnx", "--images", "images", "--ids", "ids.csv", "--size", "16x24", "--provider", "cpu", "--out", outPath);

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertEqualsReference(outPath);
    }

    [Fact]
    public async Task Infer_ModelWithExternalDataFromAnUnrelatedFolder_EqualsTheReference()
    {
        var elsewhere = Directory.CreateDirectory(_dir.File("elsewhere")).FullName;
        var outPath = _dir.File("x.csv");

        var result = await PortalProcess.RunAsync(elsewhere,
            "infer", "--model", Path.GetRelativePath(elsewhere, CaseFiles.Path(Case, "model", "net.onnx")),
            "--images", CaseFiles.Path(Case, "images"), "--ids", CaseFiles.Path(Case, "ids.csv"), "--size", "16x24", "--provider", "cpu", "--out", outPath);

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertEqualsReference(outPath);
    }

    [Fact]
    public void Infer_OneFileModel_WritesTheSameProbabilitiesAsTheSplitModel()
    {
        var split = _dir.File("split.csv");
        var plain = _dir.File("plain.csv");
        string[] common = ["--images", CaseFiles.Path(Case, "images"), "--ids", CaseFiles.Path(Case, "ids.csv"), "--size", "16x24", "--provider", "cpu"];

        var fromSplit = PortalCli.Run(["infer", "--model", CaseFiles.Path(Case, "model", "net.onnx"), .. common, "--out", split]);
        var fromPlain = PortalCli.Run(["infer", "--model", CaseFiles.Path(Case, "plain.onnx"), .. common, "--out", plain]);

        Assert.Equal(0, fromSplit.ExitCode);
        Assert.Equal(0, fromPlain.ExitCode);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(split));
    }

    [Fact]
    public void Infer_WeightsFileNotBesideTheModel_IsRefusedWithOnnxRuntimesText()
    {
        var lonely = Directory.CreateDirectory(_dir.File("lonely")).FullName;
        var model = Path.Combine(lonely, "net.onnx");
        File.Copy(CaseFiles.Path(Case, "model", "net.onnx"), model);

        var result = PortalCli.Run("infer", "--model", model, "--images", CaseFiles.Path(Case, "images"), "--size", "16x24",
            "--provider", "cpu", "--out", _dir.File("x.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"The model '{model}' was refused:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ONNX Runtime said:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("net.onnx.data", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertEqualsReference(string outPath)
    {
        var reference = Rows(CaseFiles.Path(Case, "reference_probs.csv"));
        var written = Rows(outPath);
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, expected) in reference)
        {
            Assert.Equal(18, written[id].Length);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.True(Math.Abs(expected[c] - written[id][c]) <= 1e-4, $"{id}, class {c}: {written[id][c]} is not {expected[c]} within 1e-4.");
            }
        }
    }

    private static Dictionary<string, double[]> Rows(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => p[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
}
