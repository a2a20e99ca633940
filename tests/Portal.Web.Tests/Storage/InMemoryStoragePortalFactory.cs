using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data.Storage;
using Portal.Web.Tests.Models;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Storage;

/// <summary>The portal (with the model settings of its tests) over <see cref="InMemoryFileStorage"/> instead of a storage folder.</summary>
public sealed class InMemoryStoragePortalFactory : ModelPortalFactory
{
    /// <summary>The storage the app uses.</summary>
    public InMemoryFileStorage Storage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IFileStorage>();
            services.AddSingleton<IFileStorage>(Storage);
        });
    }
}
