using Portal.Application.Hosting;
using Portal.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The repository's appsettings.json is copied next to the binaries; read it there.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalFeatures();
builder.AddPortalJobs();
builder.AddPortalApi();
builder.AddPortalUi();

var app = builder.Build();
await app.PreparePortalAsync();
app.UsePortal();
await app.RunAsync();

public partial class Program;
