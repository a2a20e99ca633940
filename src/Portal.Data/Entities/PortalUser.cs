using Microsoft.AspNetCore.Identity;

namespace Portal.Data.Entities;

/// <summary>A person with an account: a host or a participant.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The name shown on teams and submissions.</summary>
    public string DisplayName { get; set; } = "";
}
