using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>A model run that takes longer than Inference:RunTimeLimit fails with a sentence naming the limit.</summary>
public sealed class ModelTimeLimitTests(TinyTimeLimitFactory factory) : IClassFixture<TinyTimeLimitFactory>
{
    [Fact]
    public async Task RunModel_OverTheTimeLimit_FailsNamingTheLimit()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, 18))]);
        var done = await client.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "scored", "failed");

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.Equal("The model run took longer than the limit of 1 millisecond.", done.Error);
    }
}
