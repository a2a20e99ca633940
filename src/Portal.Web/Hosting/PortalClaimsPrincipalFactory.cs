using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Web.Hosting;

/// <summary>
/// The sign-in cookie's claims: Identity's (id, e-mail as name, roles) and the user's display name, so the header greets
/// "Ada Student" rather than an e-mail address without a database read on every page.
/// </summary>
public sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "portal:display_name";

    /// <summary>The name to greet <paramref name="user"/> by: the display name, or (a cookie from before it was kept) the e-mail.</summary>
    public static string? NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(DisplayNameClaim)?.Value is { Length: > 0 } name ? name : user.Identity?.Name;
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        }

        return identity;
    }
}
