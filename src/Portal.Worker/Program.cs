using Portal.Application.Hosting;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // The repository's appsettings.json is copied next to the binaries; read it there.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddPortalData();
builder.AddPortalFeatures();
builder.AddPortalJobs();
// Running jobs is this host's whole purpose, whatever Jobs:RunWorker says for the web instances sharing the settings.
builder.Configuration["Jobs:RunWorker"] = "true";

using var host = builder.Build();
await host.Services.PrepareDataAsync(CancellationToken.None);
await host.RunAsync();
