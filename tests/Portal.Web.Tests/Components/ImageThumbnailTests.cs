using Bunit;
using MudBlazor;
using Portal.Application.Trust;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>Thumbnails open their image large, with the labels the screen gives them, from the mouse or the keyboard.</summary>
public sealed class ImageThumbnailTests : PortalComponentTest
{
    [Fact]
    public void ImageThumbnail_Render_IsAButtonNamedForTheImage()
    {
        // Act
        var cut = Render<ImageThumbnail>(p => p
            .Add(c => c.CompetitionSlug, "masks")
            .Add(c => c.ImageId, "ab12.jpg")
            .Add(c => c.ImageTestId, "the-thumbnail"));

        // Assert: a native button (reached by Tab, opened by Enter or Space), named for screen readers; the picture has alt text.
        var button = cut.Find("[data-testid=image-open]");
        Assert.Equal("BUTTON", button.TagName);
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("Open image ab12.jpg large", button.GetAttribute("aria-label"));
        var image = cut.Find("[data-testid=the-thumbnail]");
        Assert.Equal("Image ab12.jpg", image.GetAttribute("alt"));
        Assert.Equal("api/v1/competitions/masks/images/ab12.jpg/thumbnail", image.GetAttribute("src"));
    }

    [Fact]
    public async Task ImageThumbnail_Click_OpensTheLargeImageWithItsLabelsAndCloses()
    {
        // Arrange
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ImageThumbnail>(p => p
            .Add(c => c.CompetitionSlug, "masks")
            .Add(c => c.ImageId, "ab 12.jpg")
            .Add(c => c.Labels, ["A: first", "B: second"]));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=image-open]").Click());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal("api/v1/competitions/masks/images/ab%2012.jpg/large", dialogs.Find("[data-testid=image-large]").GetAttribute("src")));
        Assert.Equal("Image ab 12.jpg", dialogs.Find("[data-testid=image-large]").GetAttribute("alt"));
        Assert.Equal(["A: first", "B: second"], dialogs.FindAll("[data-testid=image-label]").Select(l => l.TextContent.Trim()));

        // Act: closed again.
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=image-close]").Click());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=image-large]")));
    }

    [Fact]
    public async Task LabelAuditTable_ClickThumbnail_ShowsTheGivenAndThePredictedLabelWithTheirClasses()
    {
        // Arrange
        var row = new LabelAuditRow("ff00.png", "Wear / Male / <30", "Incorrect / Male / <30", 2, 3, 2 / 3.0, null, ["mask: Wear → Incorrect"], 0, 6);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<LabelAuditTable>(p => p
            .Add(c => c.Audit, new LabelAuditView([row], 3, 100))
            .Add(c => c.CompetitionSlug, "masks"));

        // Act
        await cut.InvokeAsync(() => cut.Find("[data-testid=audit-row] [data-testid=image-open]").Click());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal(
            ["Given label: Wear / Male / <30 (class 0)", "Predicted by 2 of 3 submissions: Incorrect / Male / <30 (class 6)"],
            dialogs.FindAll("[data-testid=image-label]").Select(l => l.TextContent.Trim())));
        Assert.Equal("api/v1/competitions/masks/images/ff00.png/large", dialogs.Find("[data-testid=image-large]").GetAttribute("src"));
    }
}
