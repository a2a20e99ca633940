using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Components.Account;
using Portal.Application.Access;

namespace Portal.Web.Hosting;

/// <summary>Accounts (ASP.NET Core Identity with cookies) and team API tokens (bearer).</summary>
public static class IdentityHosting
{
    public static IHostApplicationBuilder AddPortalIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Sign-in cookies and antiforgery tokens survive a restart and are valid on every instance over the database
        // (keys of an earlier Portal's keys/ folder are copied in at start: FileKeyImport).
        services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("Portal");
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<TeamTokenAuthenticationOptions, TeamTokenAuthenticationHandler>(TeamTokenAuthenticationHandler.SchemeName, _ => { })
            .AddScheme<TeamTokenAuthenticationOptions, HostTokenAuthenticationHandler>(HostTokenAuthenticationHandler.SchemeName, _ => { })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Host, p => p.RequireRole(Viewer.HostRole))
            .AddPolicy(Policies.ApiReader, p => p
                .AddAuthenticationSchemes(TeamTokenAuthenticationHandler.SchemeName, HostTokenAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(Policies.AnyCaller, p => p
                .AddAuthenticationSchemes(TeamTokenAuthenticationHandler.SchemeName, HostTokenAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireAssertion(_ => true))
            .AddPolicy(Policies.SignedIn, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser())
            // Team tokens are read too, so that a participant's token is told "hosts only" (403), not that it is missing (401).
            .AddPolicy(Policies.HostApi, p => p
                .AddAuthenticationSchemes(HostTokenAuthenticationHandler.SchemeName, TeamTokenAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireRole(Viewer.HostRole))
            .AddPolicy(Policies.TeamToken, p => p
                .AddAuthenticationSchemes(TeamTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }
}
