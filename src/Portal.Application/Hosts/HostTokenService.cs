using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Hosts;

/// <summary>
/// Host API tokens (<c>ph_...</c>): each host makes one on the Admin page (shown once, stored as its SHA-256 hash,
/// rotating replaces it), and a deployment may set one in <see cref="PortalOptions.HostApiToken"/> for automation.
/// A token acts for its host only while the account is still a host.
/// </summary>
public sealed class HostTokenService(IDbContextFactory<PortalDbContext> dbFactory, CompetitionClock clock, IOptions<PortalOptions> options)
{
    public const string Prefix = "ph_";

    /// <summary>The user id a configured token acts as (no account stands behind it).</summary>
    public const string ConfiguredHost = "configuration";

    /// <summary>Makes a new token for <paramref name="userId"/>, replacing the one before; the token is returned once.</summary>
    public async Task<string> RotateAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var token = TeamTokens.New(Prefix);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.HostTokens.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new HostToken { UserId = userId };
            db.HostTokens.Add(row);
        }

        row.TokenHash = TeamTokens.Hash(token);
        row.TokenPrefix = TeamTokens.Display(token);
        row.CreatedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Deletes the host's token; calls with it are refused from now on.</summary>
    public async Task RevokeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.HostTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The start of the host's token and when it was made, or null when the host has none.</summary>
    public async Task<(string Prefix, DateTime CreatedAtUtc)?> DescribeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.HostTokens.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        return row is null ? null : (row.TokenPrefix, row.CreatedAtUtc);
    }

    /// <summary>
    /// The host a token acts for: the configured token's <see cref="ConfiguredHost"/>, or the user id of a stored token
    /// whose account is still in the host role; null for anything else.
    /// </summary>
    public async Task<string?> FindHostAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = TeamTokens.Hash(token);
        if (options.Value.HostApiToken is { Length: > 0 } configured &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(TeamTokens.Hash(configured))))
        {
            return ConfiguredHost;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from t in db.HostTokens
                      where t.TokenHash == hash
                      join ur in db.UserRoles on t.UserId equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == Viewer.HostRole
                      select t.UserId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Why a configured token cannot be used (too short, wrong prefix), or null when it is fine or not set.</summary>
    public static string? WhyInvalid(string? configured) =>
        string.IsNullOrEmpty(configured) ? null
        : !configured.StartsWith(Prefix, StringComparison.Ordinal) || configured.Length < 32
            ? $"Portal:HostApiToken must start with '{Prefix}' and be at least 32 characters long (make one with: echo {Prefix}$(openssl rand -hex 24))."
            : null;
}
