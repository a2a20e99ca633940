using MudBlazor.Services;

namespace Portal.Web.Hosting;

/// <summary>Registers Blazor (interactive server) and MudBlazor.</summary>
public static class UiHosting
{
    public static IHostApplicationBuilder AddPortalUi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Run from a build (dotnet run, not a publish), MapStaticAssets adds a GET/HEAD catch-all ({**path:file}) that serves
        // files added after the build. It sits under every address, so a GET to a POST-only API address (.../teams/7/token)
        // matched it, failed its file constraint and became 404 instead of 405, and every 405 listed GET and HEAD in Allow.
        // Every asset of Portal is in the build's manifest (wwwroot-assets is copied in before it is made), so nothing needs it.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.Configure<UiOptions>(builder.Configuration.GetSection(UiOptions.Section));
        return builder;
    }
}
