using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Storage;

namespace Portal.Application.Hosting;

/// <summary>Registers the database, file storage, this machine's scratch files and cache folders, and the time source.</summary>
public static class DataHosting
{
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        if (Hosts.HostTokenService.WhyInvalid(portal.HostApiToken) is { } badToken)
        {
            throw new OptionsValidationException(PortalOptions.Section, typeof(PortalOptions), [badToken]);
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        Directory.CreateDirectory(portal.DataPath);
        builder.Services.AddPortalDatabase(database, portal.DataPath);
        builder.Services.AddSingleton<IFileStorage>(sp => new LocalFileStorage(sp.GetRequiredService<IOptions<PortalOptions>>().Value.FilesPath));
        builder.Services.AddSingleton<ITemporaryFiles>(sp => new TemporaryFiles(sp.GetRequiredService<IOptions<PortalOptions>>().Value.TemporaryPath));
        builder.Services.AddSingleton<Storage.LocalCacheFolders>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
