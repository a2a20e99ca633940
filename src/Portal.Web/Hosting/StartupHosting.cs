using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Components;
using Portal.Web.Components.Account;
using Portal.Application.Access;
using Portal.Application.Demo;
using Portal.Application;
using Portal.Application.Hosting;

namespace Portal.Web.Hosting;

/// <summary>What happens once at start (migrations, the host account, the demo) and the request pipeline.</summary>
public static partial class StartupHosting
{
    /// <summary>
    /// Prepares the data as every host does (<see cref="DataStartup"/>); under the same start lock (so web instances
    /// starting at once do it once) copies an earlier Portal's data-protection keys into the database and, on first run,
    /// creates the host account and seeds the demo competition.
    /// </summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Startup");
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        await app.Services.PrepareDataAsync(async cancellationToken =>
        {
            await FileKeyImport.ImportAsync(app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
                FileKeyImport.Folder(options.DataPath), logger, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            await EnsureHostAsync(scope.ServiceProvider, options, logger);
            if (options.SeedDemo)
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
            }
        }, app.Lifetime.ApplicationStopping);
    }

    /// <summary>The request pipeline and endpoints.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // The API answers every refusal with a problem (RFC 9457); pages show the not-found page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages(ApiProblems.WriteStatusAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Below the status-code steps: a request the endpoints could not bind becomes its status (and, for the API, the sentence).
        app.Use(ApiBadRequests.ExplainAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        // The interactive API page (/scalar/v1): every endpoint with its shapes, tried with a team or host token.
        app.MapScalarApiReference(options => options.WithTitle("Portal API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapPortalApi();
        app.MapGet("/healthz", async (IDbContextFactory<PortalDbContext> dbFactory, CancellationToken cancellationToken) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Ok(new { status = "healthy" })
                : Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        app.MapAccountEndpoints();
        // The Content-Security-Policy (frame-ancestors included) is SecurityHeaders', in one header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    private static async Task EnsureHostAsync(IServiceProvider services, PortalOptions options, ILogger logger)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Viewer.HostRole, Viewer.ParticipantRole })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if ((await users.GetUsersInRoleAsync(Viewer.HostRole)).Count > 0)
        {
            return;
        }

        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? NewPassword() : options.AdminPassword!;
        var host = new PortalUser { UserName = options.AdminEmail, Email = options.AdminEmail, EmailConfirmed = true, DisplayName = "Host" };
        var created = await users.CreateAsync(host, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the host account: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(host, Viewer.HostRole);
        if (generated)
        {
            // Printed once, on the console only: the password is not stored anywhere else in clear.
            Console.WriteLine();
            Console.WriteLine("  Portal host account (shown once):");
            Console.WriteLine($"    email:    {options.AdminEmail}");
            Console.WriteLine($"    password: {password}");
            Console.WriteLine();
        }

        LogHostCreated(logger, options.AdminEmail);
    }

    /// <summary>A random password that meets Identity's rules whatever the draw (upper, lower, digit).</summary>
    private static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyz";
        var word = string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
            }
        });
        return $"Host-{word}-{RandomNumberGenerator.GetInt32(1000, 10000)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the host account {Email}")]
    private static partial void LogHostCreated(ILogger logger, string email);
}
