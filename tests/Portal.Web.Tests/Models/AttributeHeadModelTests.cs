using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Models;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;
using static Portal.Web.Tests.Support.BinningExpectations;

namespace Portal.Web.Tests.Models;

/// <summary>
/// Models as teams build them for the mask task: one model with three attribute heads (mask 3, gender 2, age 3), or three
/// single-head models tagged mask / gender / age, combined into the 18 classes by the product of the heads' probabilities.
/// </summary>
public sealed class AttributeHeadModelTests(ModelPortalFactory factory) : IClassFixture<ModelPortalFactory>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    // mask bins channel 0, gender channel 1, age channel 2.
    private static readonly (string Name, int Channel, int Size)[] Heads = [("mask", 0, 3), ("gender", 1, 2), ("age", 2, 3)];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The 18 class probabilities of image i, computed here: the product of each head's softmax, class = mask*6 + gender*3 + age.</summary>
    internal static double[] Combined(int i)
    {
        var mask = Softmax(TinyModels.BinningLogits(Normalised(i, 0), 3));
        var gender = Softmax(TinyModels.BinningLogits(Normalised(i, 1), 2));
        var age = Softmax(TinyModels.BinningLogits(Normalised(i, 2), 3));
        var p = new double[18];
        for (var m = 0; m < 3; m++)
        {
            for (var g = 0; g < 2; g++)
            {
                for (var a = 0; a < 3; a++)
                {
                    p[m * 6 + g * 3 + a] = mask[m] * gender[g] * age[a];
                }
            }
        }

        return p;
    }

    [Fact]
    public async Task RunModel_ThreeHeadModel_IsScoredOnTheProductOfItsHeads()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var expected = ExpectedLabels(scenario, Combined);
        Assert.True(expected.Distinct().Count() > 1, $"The tiny heads should spread the images over several classes: {string.Join(",", expected.Distinct())}.");

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("heads.onnx", TinyModels.BinningHeads(Heads))]);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");

        // Assert
        Assert.True(done.Status == "scored", done.Error);
        Assert.Equal(scenario.PublicScore(expected), done.PublicScore!.Value, 9);
        await using var db = await factory.DbAsync();
        var stored = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(expected, stored.Labels);
    }

    [Fact]
    public async Task RunModel_ThreeTaggedSingleHeadModels_AreCombinedAsOneModel()
    {
        // Arrange: the files in another order than the axes, each tagged with its head.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var host = await factory.SignInAsHostAsync();
        var expected = ExpectedLabels(scenario, Combined);
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput) { ["heads"] = "age,mask,gender" };

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug,
            [("age.onnx", TinyModels.Binning(2, 3)), ("mask.onnx", TinyModels.Binning(0, 3)), ("gender.onnx", TinyModels.Binning(1, 2))], fields);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");
        var details = await host.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{id}/model-run");

        // Assert
        Assert.True(done.Status == "scored", done.Error);
        Assert.Equal(scenario.PublicScore(expected), done.PublicScore!.Value, 9);
        var member = Assert.Single(details.Members);
        Assert.Equal("mask.onnx + gender.onnx + age.onnx", member.Name);
        Assert.Equal(done.PublicScore.Value, member.Merged.Public, 9);
        Assert.Equal("16x16 stretch", member.Input!.SizeText);
    }

    [Fact]
    public async Task SubmitModel_TaggedHeadOfTheWrongWidth_NamesTheHeadAndTheUploadedFileOnly()
    {
        // Arrange: the gender file gives 3 scores, as the mask and age heads do.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput) { ["heads"] = "mask,gender,age" };

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug,
            [("m.onnx", TinyModels.Binning(0, 3)), ("g.onnx", TinyModels.Binning(1, 3)), ("a.onnx", TinyModels.Binning(2, 3))], fields);

        // Assert: the check's own sentence about the head, with the name the team uploaded (never where the server keeps it).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        var problem = Assert.Single(refusal!.Problems);
        Assert.Equal("The gender head 'g.onnx' was refused: The model gives 3 scores per image; the gender head has 2 values, so it must have one output [N, 2].",
            problem.Message);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "two-outputs", "mask [N,3], gender [N,2], age [N,3]" },
        { "heads-in-wrong-order", "mask [N,3], gender [N,2], age [N,3]" },
        { "unknown-tag", "'colour' is not an attribute head" },
        { "tag-twice", "tagged 'mask'" },
        { "tagged-model-of-all-classes", "The gender head 'b.onnx' was refused: The model gives 18 scores per image; the gender head has 2 values" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task SubmitModel_HeadsThatFitNeitherForm_Returns400WithTheReason(string kind, string reason)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput);
        (string, byte[])[] files = kind switch
        {
            "two-outputs" => [("two.onnx", TinyModels.BinningHeads([("mask", 0, 3), ("gender", 1, 2)]))],
            "heads-in-wrong-order" => [("order.onnx", TinyModels.BinningHeads([("mask", 0, 3), ("age", 2, 3), ("gender", 1, 2)]))],
            _ => [("a.onnx", TinyModels.Binning(0, 3)), ("b.onnx", kind == "tagged-model-of-all-classes" ? TinyModels.Binning(1, 18) : TinyModels.Binning(1, 2)),
                ("c.onnx", TinyModels.Binning(2, 3))],
        };
        fields["heads"] = kind switch
        {
            "unknown-tag" => "mask,colour,age",
            "tag-twice" => "mask,mask,age",
            "tagged-model-of-all-classes" => "mask,gender,age",
            _ => "",
        };

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug, files, fields);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        var problem = Assert.Single(refusal!.Problems);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
    }
}
