using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Models;

/// <summary>CUDA asked for on a machine (or build) without it: models run on the CPU, and the admin page says so and why.</summary>
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
    }
}
