using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>Portal's colours.</summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
        },
    };
}
