using Microsoft.Extensions.Logging;
using Portal.Application.Models;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>CUDA asked for on a machine (or build) without it: models run on the CPU, the admin page says so and why, and the log warns once.</summary>
public sealed class ModelProviderDiagnosticsTests(CudaRequestedFactory factory) : IClassFixture<CudaRequestedFactory>
{
    [Fact]
    public async Task AdminDiagnostics_CudaRequestedButAbsent_ShowsCpuAndWhy()
    {
        // Arrange
        using var host = await factory.SignInAsHostAsync();

        // Act
        var page = await host.GetTextAsync("/admin");

        // Assert
        Assert.Contains("data-testid=\"provider-diagnostics\"", page, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"configured-provider\">CUDA<", page);
        Assert.Matches("data-testid=\"provider-in-use\"><b>CPU</b>", page);
        Assert.Matches("data-testid=\"available-providers\">[^<]*CPUExecutionProvider", page);
        Assert.Matches("data-testid=\"ort-version\">1\\.\\d+\\.\\d+<", page);
        Assert.Matches("data-testid=\"provider-reason\">[^<]*CUDA", page);
        // The design's GPU package names the libraries this machine lacks.
        Assert.Matches("data-testid=\"available-providers\">[^<]*CUDAExecutionProvider", page);
        Assert.Matches("data-testid=\"cuda-libraries\">missing: [^<]*libcudart\\.so\\.13", page);
    }

    [Fact]
    public async Task ModelRuns_CudaRequestedButAbsent_RunOnCpuAndWarnOnce()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var first = await client.SubmitModelAcceptedAsync(scenario.Slug, [("a.onnx", TinyModels.Binning(0, 18))]);
        var second = await client.SubmitModelAcceptedAsync(scenario.Slug, [("b.onnx", TinyModels.Binning(1, 18))]);
        await client.WaitForStatusAsync(first, TimeSpan.FromSeconds(60), "scored");
        await client.WaitForStatusAsync(second, TimeSpan.FromSeconds(60), "scored");
        var details = await client.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{second}/model-run");

        // Assert
        Assert.Equal("CPU", details.Provider);
        var warning = Assert.Single(factory.Logs.Lines, l => l.Category == typeof(ProviderDiagnostics).FullName && l.Level == LogLevel.Warning);
        Assert.Contains("models run on the CPU", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA", warning.Message, StringComparison.Ordinal);
    }
}
