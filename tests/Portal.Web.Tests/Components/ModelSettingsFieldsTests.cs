using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application.Models;
using Portal.Application.Models.Queue;
using Portal.Data;
using Portal.Web.Components.Shared;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Components;

/// <summary>
/// The TTA choices follow the input size: quarter turns are greyed out, with the reason, for a non-square input; the
/// width and height start at the input size the chosen model declares.
/// </summary>
public sealed class ModelSettingsFieldsTests : PortalComponentTest, IClassFixture<TeamDatabaseFixture>
{
    public ModelSettingsFieldsTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new InferenceOptions()));
        Services.AddSingleton<ModelQueueService>();
    }

    [Fact]
    public void ModelSettingsFields_PortraitInputWithD4_SaysD4AndRot90NeedASquareInput()
    {
        // Arrange: the task's own images, 384x512, with d4 still chosen.
        var input = new ModelSettingsInput { Width = "384", Height = "512", Tta = "d4" };

        // Act
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, input));

        // Assert
        var text = cut.Find("[data-testid=model-settings]").TextContent;
        Assert.Contains("Test-time augmentation 'd4' turns the image by a quarter, which needs a square input size; 384x512 is not square.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSettingsFields_PortraitInputWithHflip_NamesTheUnavailablePresetsOnly()
    {
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, new ModelSettingsInput { Width = "384", Height = "512", Tta = "hflip" }));

        var text = cut.Find("[data-testid=model-settings]").TextContent;
        Assert.Contains("d4 and rot90 need a square input size.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("turns the image by a quarter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSettingsFields_SquareInput_OffersEveryPreset()
    {
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, new ModelSettingsInput { Width = "224", Height = "224", Tta = "d4" }));

        Assert.DoesNotContain("square input", cut.Find("[data-testid=model-settings]").TextContent, StringComparison.Ordinal);
    }

    private static ModelUpload Model(string name, int?[] inputShape)
    {
        var bytes = TinyModels.ChannelMeanClassifier(new float[3 * 18], new float[18], inputShape);
        return new ModelUpload(name, bytes.Length, () => new MemoryStream(bytes));
    }

    [Fact]
    public void ModelSettingsFields_ModelWithFixedInput_FillsWidthAndHeightFromTheModel()
    {
        // Arrange: a model declaring [N, 3, 32, 48]: 48 wide, 32 high.
        var input = new ModelSettingsInput();

        // Act
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, input).Add(c => c.Models, [Model("fixed.onnx", [null, 3, 32, 48])]));

        // Assert: the file is read off the render thread; the component renders again once it has been.
        cut.WaitForAssertion(() => Assert.Contains("the model's own input size, 48x32", cut.Find("[data-testid=model-size-note]").TextContent, StringComparison.Ordinal));
        Assert.Equal("48", input.Width);
        Assert.Equal("32", input.Height);
        Assert.Contains(cut.FindAll("input"), i => i.GetAttribute("value") == "48");
    }

    [Fact]
    public void ModelSettingsFields_ModelWithDynamicInput_KeepsTheDefaultWithANote()
    {
        // Arrange
        var input = new ModelSettingsInput();

        // Act
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, input).Add(c => c.Models, [Model("dynamic.onnx", [null, 3, null, null])]));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("leaves its input size free", cut.Find("[data-testid=model-size-note]").TextContent, StringComparison.Ordinal));
        Assert.Equal("224", input.Width);
        Assert.Equal("224", input.Height);
    }

    [Fact]
    public void ModelSettingsFields_WidthTypedAfterThePick_IsKeptOnTheNextRender()
    {
        // Arrange
        var input = new ModelSettingsInput();
        IReadOnlyList<ModelUpload> models = [Model("fixed.onnx", [null, 3, 32, 48])];
        var cut = Render<ModelSettingsFields>(p => p.Add(c => c.Input, input).Add(c => c.Models, models));
        cut.WaitForAssertion(() => Assert.Equal("48", input.Width));

        // Act: the user types a width, then the panel renders again with the same pick.
        input.Width = "64";
        cut.Render(p => p.Add(c => c.Input, input).Add(c => c.Models, models).Add(c => c.Files, 1));

        // Assert
        Assert.Equal("64", input.Width);
    }

    [Fact]
    public void ModelSettingsFields_SeveralFiles_OffersTheAttributeHeadsField()
    {
        // Act
        var one = Render<ModelSettingsFields>(p => p.Add(c => c.Input, new ModelSettingsInput()).Add(c => c.Files, 1));
        var three = Render<ModelSettingsFields>(p => p.Add(c => c.Input, new ModelSettingsInput()).Add(c => c.Files, 3));

        // Assert
        Assert.Empty(one.FindAll("[data-testid=model-heads]"));
        Assert.Contains("Attribute heads", three.Find("[data-testid=model-settings]").TextContent, StringComparison.Ordinal);
    }
}
