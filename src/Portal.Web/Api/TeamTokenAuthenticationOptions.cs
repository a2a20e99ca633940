using Microsoft.AspNetCore.Authentication;

namespace Portal.Web.Api;

/// <summary>Options of the team token scheme (none beyond the defaults).</summary>
public sealed class TeamTokenAuthenticationOptions : AuthenticationSchemeOptions;
