namespace Portal.Web.Components.Shared;

/// <summary>The addresses (relative to the base href) of one hidden-set image: its thumbnail and its large view.</summary>
public static class ImageUrls
{
    public static string Thumbnail(string competitionSlug, string imageId) => Image(competitionSlug, imageId) + "/thumbnail";

    public static string Large(string competitionSlug, string imageId) => Image(competitionSlug, imageId) + "/large";

    private static string Image(string competitionSlug, string imageId) =>
        $"api/v1/competitions/{Uri.EscapeDataString(competitionSlug)}/images/{Uri.EscapeDataString(imageId)}";
}
