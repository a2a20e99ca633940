using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application.Models;
using Portal.Application.Models.Queue;
using Portal.Data;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The TTA choices follow the input size: quarter turns are greyed out, with the reason, for a non-square input.</summary>
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
}
