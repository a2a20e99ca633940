using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>A model that cannot run is refused at upload, with the reason naming the file, and costs nothing.</summary>
public sealed class ModelUploadTests(ModelPortalFactory factory) : IClassFixture<ModelPortalFactory>
{
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "wrong-input-shape", "InvalidModel", "must have 3 colour channels" },
        { "wrong-class-count", "InvalidModel", "this competition has 18 classes" },
        { "garbage", "InvalidModel", "is not an ONNX model" },
        { "old-opset", "InvalidModel", "opset 5" },
        { "too-large", "FileTooLarge", "over the limit of 64 KiB" },
        { "bad-std", "InvalidSettings", "standard deviation must be three positive numbers" },
        { "quarter-turns-not-square", "InvalidSettings", "needs a square input size" },
        { "wrong-weight-count", "InvalidSettings", "one weight per model file" },
        { "fixed-size-mismatch", "InvalidSettings", "The model takes 32x32 images, not 16x16" },
        { "external-data-file", "InvalidModel", "keeps its weights in this separate file, and Portal takes a model as one .onnx file. Save the model as one file" },
        { "external-data-file-alone", "InvalidModel", "keeps its weights in this separate file, and Portal takes a model as one .onnx file. Save the model as one file" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task SubmitModel_Unusable_Returns400NamingTheReasonAndStoresNothing(string kind, string code, string reason)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var good = TinyModels.Binning(0, Classes);
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput);
        (string, byte[])[] files = kind switch
        {
            "wrong-input-shape" => [("shape.onnx", TinyModels.ChannelMeanClassifier(new float[4 * Classes], new float[Classes], [null, 4, null, null]))],
            "wrong-class-count" => [("five.onnx", TinyModels.ChannelMeanClassifier(new float[3 * 5], new float[5]))],
            "garbage" => [("garbage.onnx", "this is not a model at all, just text"u8.ToArray())],
            "old-opset" => [("old.onnx", TinyModels.ChannelMeanClassifier(new float[3 * Classes], new float[Classes], opset: 5))],
            "too-large" => [("huge.onnx", new byte[ModelPortalFactory.MaxModelBytes + 1])],
            "fixed-size-mismatch" => [("fixed.onnx", TinyModels.ChannelMeanClassifier(new float[3 * Classes], new float[Classes], [null, 3, 32, 32]))],
            "wrong-weight-count" => [("fold0.onnx", good), ("fold1.onnx", good)],
            // What torch.onnx.export writes for a model with external data: the graph, and its weights beside it.
            "external-data-file" => [("net.onnx", good), ("net.onnx.data", new byte[64])],
            // The weights file alone: binary, so the CSV check used to call it "binary data (NUL bytes), not CSV text".
            "external-data-file-alone" => [("net.onnx.data", new byte[64])],
            _ => [("good.onnx", good)],
        };
        switch (kind)
        {
            case "bad-std":
                fields["std"] = "0.2,0,0.2";
                break;
            case "quarter-turns-not-square":
                fields["height"] = "24";
                fields["tta"] = "d4";
                break;
            case "wrong-weight-count":
                fields["weights"] = "1,2,3";
                break;
        }

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug, files, fields);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.NotNull(refusal);
        var problem = Assert.Single(refusal.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
        // A model's problem is not on a line of anything.
        Assert.Null(problem.Line);
        // A refusal names what is wrong: the settings' own problems are not called the file's.
        Assert.Equal(code == "InvalidSettings" ? "The model settings have a problem:" : "The file has a problem:", refusal.Detail);
        if (code != "InvalidSettings" || kind == "fixed-size-mismatch")
        {
            // A refusal of a file names the file.
            Assert.Contains(files[0].Item1, problem.Message, StringComparison.Ordinal);
        }

        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.False(await db.Jobs.AnyAsync(j => j.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
        Assert.Equal(0, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    [Fact]
    public async Task SubmitModel_DailyLimitReached_Returns429AndStoresNothing()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(1).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug, [("good.onnx", TinyModels.Binning(0, Classes))]);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        await using var db = await factory.DbAsync();
        Assert.Equal(1, await db.Submissions.CountAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesModelUploadsAndCancel()
    {
        // Act
        var document = await factory.Anonymous().GetTextAsync("/openapi/v1.json");

        // Assert
        Assert.Contains("soft-voted", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/submissions/{id}/cancel", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/submissions/{id}/model-run", document, StringComparison.Ordinal);
    }
}
