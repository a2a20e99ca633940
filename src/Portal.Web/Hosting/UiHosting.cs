using MudBlazor.Services;

namespace Portal.Web.Hosting;

/// <summary>Registers Blazor (interactive server) and MudBlazor.</summary>
public static class UiHosting
{
    public static IHostApplicationBuilder AddPortalUi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.Configure<UiOptions>(builder.Configuration.GetSection(UiOptions.Section));
        return builder;
    }
}
