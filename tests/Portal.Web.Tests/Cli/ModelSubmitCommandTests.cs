using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Cli;
using Portal.Web.Api;
using Portal.Web.Tests.Models;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Cli;

/// <summary><c>portal submit model.onnx --wait</c> against the test server: the model runs as a job and the command waits for its score.</summary>
public sealed partial class ModelSubmitCommandTests(ModelPortalFactory factory) : IClassFixture<ModelPortalFactory>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("portal-cli-model-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Submit_ModelWithWait_PrintsItsPublicScoreOnceScored()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var model = Path.Combine(_dir.FullName, "bins.onnx");
        await File.WriteAllBytesAsync(model, TinyModels.Binning(0, 18), TestContext.Current.CancellationToken);

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token,
            "submit", model, "-c", scenario.Slug, "--size", "16x16", "--tta", "hflip", "-m", "tiny model", "--wait");

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var match = Outcome().Match(run.Stdout);
        Assert.True(match.Success, run.Stdout);
        var id = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        using var client = factory.WithToken(scenario.A.Token);
        var stored = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}");
        Assert.Equal(("model", "scored", "tiny model"), (stored.Kind, stored.Status, stored.Description));
        Assert.Equal(stored.PublicScore!.Value.ToString("0.0000", CultureInfo.InvariantCulture), match.Groups[2].Value);
        Assert.StartsWith("Sending 1 model file", run.Stderr, StringComparison.Ordinal);
        var details = await client.GetJsonAsync<Portal.Application.Models.ModelRunDetails>($"/api/v1/submissions/{id}/model-run");
        Assert.Equal(["identity", "hflip"], Assert.Single(details.Members).Views.Select(v => v.View));
    }

    [Fact]
    public async Task Submit_ModelThatFailsWithWait_PrintsWhyAndExitsTwo()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var model = Path.Combine(_dir.FullName, "broken.onnx");
        await File.WriteAllBytesAsync(model, TinyModels.ChannelMeanClassifier(new float[3 * 18], new float[18], failsAtRunTime: true), TestContext.Current.CancellationToken);

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, "submit", model, "-c", scenario.Slug, "--size", "16x16", "--wait");

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Matches($@"Submission #\d+ failed: The model 'broken.onnx' failed on image {Regex.Escape(scenario.ImageIds[0])}:", run.Stderr);
        Assert.DoesNotContain(_dir.FullName, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ThreeHeadModelsTaggedWithWait_PrintsTheScoreOfTheirCombination()
    {
        // Arrange: the files in another order than the axes, each tagged with its head (mask 3, gender 2, age 3 values).
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var expected = BinningExpectations.ExpectedLabels(scenario, AttributeHeadModelTests.Combined);
        string[] files = [await ModelAsync("age.onnx", TinyModels.Binning(2, 3)), await ModelAsync("mask.onnx", TinyModels.Binning(0, 3)),
            await ModelAsync("gender.onnx", TinyModels.Binning(1, 2))];

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token,
            ["submit", .. files, "-c", scenario.Slug, "--size", "16x16", "--heads", "age, mask, gender", "--wait"]);

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var match = Outcome().Match(run.Stdout);
        Assert.True(match.Success, run.Stdout);
        Assert.Equal(scenario.PublicScore(expected).ToString("0.0000", CultureInfo.InvariantCulture), match.Groups[2].Value);
        using var client = factory.WithToken(scenario.A.Token);
        var details = await client.GetJsonAsync<Portal.Application.Models.ModelRunDetails>($"/api/v1/submissions/{match.Groups[1].Value}/model-run");
        Assert.Equal("mask.onnx + gender.onnx + age.onnx", Assert.Single(details.Members).Name);
    }

    [Fact]
    public async Task Submit_HeadsNotOnePerFile_IsRefusedBeforeSendingAndExitsTwo()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        string[] files = [await ModelAsync("mask.onnx", TinyModels.Binning(0, 3)), await ModelAsync("gender.onnx", TinyModels.Binning(1, 2))];

        // Act
        var run = await PortalCommandLine.RunAsync(factory, scenario.A.Token, ["submit", .. files, "-c", scenario.Slug, "--heads", "mask,gender,age"]);

        // Assert
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--heads tags each model file with its attribute head", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sending", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> ModelAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    [GeneratedRegex(@"^Submission #(\d+) is scored: public macro F1 (\d\.\d{4})\.", RegexOptions.Multiline)]
    private static partial Regex Outcome();
}
