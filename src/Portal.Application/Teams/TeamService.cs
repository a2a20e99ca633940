using System.Text;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Text;

namespace Portal.Application.Teams;

/// <summary>Teams: create, join by invite code, leave, API tokens. One team per participant per competition.</summary>
public sealed class TeamService(IDbContextFactory<PortalDbContext> dbFactory, CompetitionClock clock)
{
    /// <summary>The viewer's team in a competition, or null.</summary>
    public async Task<TeamView?> FindMineAsync(int competitionId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teamId = await db.TeamMembers.Where(m => m.CompetitionId == competitionId && m.UserId == userId).Select(m => (int?)m.TeamId).FirstOrDefaultAsync(cancellationToken);
        return teamId is null ? null : await ViewAsync(db, teamId.Value, cancellationToken);
    }

    /// <summary>A team's view by id (for hosts and the API).</summary>
    public async Task<TeamView?> FindAsync(int teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, teamId, cancellationToken);
    }

    /// <summary>Creates a team with the user as its first member.</summary>
    public async Task<(TeamView? Team, string? Error)> CreateAsync(int competitionId, string userId, string name, CancellationToken cancellationToken = default)
    {
        name = TeamName(name);
        if (WhyNameRefused(name) is { } refused)
        {
            return (null, refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.TeamMembers.AnyAsync(m => m.CompetitionId == competitionId && m.UserId == userId, cancellationToken))
        {
            return (null, "You are already in a team in this competition; leave it first.");
        }

        if (await NameTakenAsync(db, competitionId, name, cancellationToken) is { } taken)
        {
            return (null, taken);
        }

        var team = new Team { CompetitionId = competitionId, Name = name, InviteCode = TeamTokens.NewInviteCode(), CreatedAtUtc = clock.UtcNow };
        team.Members.Add(new TeamMember { CompetitionId = competitionId, UserId = userId, JoinedAtUtc = clock.UtcNow });
        db.Teams.Add(team);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return (null, "You are already in a team in this competition, or the name was just taken.");
        }

        return (await ViewAsync(db, team.Id, cancellationToken), null);
    }

    /// <summary>
    /// Creates a team with no members yet, for a host making the roster by script (<c>POST .../teams</c>), with its first
    /// API token, returned once: the team can submit with it at once, and students join the team in the browser with its
    /// invite code. The same name rules as <see cref="CreateAsync"/>; <c>Taken</c>: the error is that the name is taken.
    /// </summary>
    public async Task<(TeamView? Team, string? Token, string? Error, bool Taken)> CreateWithTokenAsync(int competitionId, string name, CancellationToken cancellationToken = default)
    {
        name = TeamName(name);
        if (WhyNameRefused(name) is { } refused)
        {
            return (null, null, refused, false);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(db, competitionId, name, cancellationToken) is { } taken)
        {
            return (null, null, taken, true);
        }

        var token = TeamTokens.New();
        var team = new Team
        {
            CompetitionId = competitionId,
            Name = name,
            InviteCode = TeamTokens.NewInviteCode(),
            CreatedAtUtc = clock.UtcNow,
            ApiTokenHash = TeamTokens.Hash(token),
            ApiTokenPrefix = TeamTokens.Display(token),
        };
        db.Teams.Add(team);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return (null, null, $"The name '{name}' was just taken in this competition.", true);
        }

        return (await ViewAsync(db, team.Id, cancellationToken), token, null, false);
    }

    /// <summary>Adds the user to the team whose invite code this is.</summary>
    public async Task<(TeamView? Team, string? Error)> JoinAsync(int competitionId, string userId, string inviteCode, CancellationToken cancellationToken = default)
    {
        var code = (inviteCode ?? "").Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.InviteCode == code && t.CompetitionId == competitionId && !t.IsBaseline, cancellationToken);
        if (team is null)
        {
            return (null, "No team of this competition has that invite code.");
        }

        if (await db.TeamMembers.AnyAsync(m => m.CompetitionId == competitionId && m.UserId == userId, cancellationToken))
        {
            return (null, "You are already in a team in this competition; leave it first.");
        }

        db.TeamMembers.Add(new TeamMember { TeamId = team.Id, CompetitionId = competitionId, UserId = userId, JoinedAtUtc = clock.UtcNow });
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return (null, "You are already in a team in this competition.");
        }

        return (await ViewAsync(db, team.Id, cancellationToken), null);
    }

    /// <summary>Removes the user from their team; the team and its submissions stay.</summary>
    public async Task LeaveAsync(int competitionId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.TeamMembers.Where(m => m.CompetitionId == competitionId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Makes a new API token for a team, replacing the old one; the token is returned once and never again.</summary>
    public async Task<string> RotateTokenAsync(int teamId, CancellationToken cancellationToken = default)
    {
        var token = TeamTokens.New();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.ApiTokenHash, TeamTokens.Hash(token))
            .SetProperty(t => t.ApiTokenPrefix, TeamTokens.Display(token)), cancellationToken);
        return token;
    }

    /// <summary>The team and competition of an API token, or null.</summary>
    public async Task<(int TeamId, int CompetitionId)?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(TeamTokens.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = TeamTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().Where(t => t.ApiTokenHash == hash).Select(t => new { t.Id, t.CompetitionId }).FirstOrDefaultAsync(cancellationToken);
        return team is null ? null : (team.Id, team.CompetitionId);
    }

    /// <summary>Whether the user is a member of the team.</summary>
    public async Task<bool> IsMemberAsync(int teamId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken);
    }

    private async Task<TeamView?> ViewAsync(PortalDbContext db, int teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Include(t => t.Competition).Include(t => t.Members).ThenInclude(m => m.User)
            .FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team?.Competition is not { } competition)
        {
            return null;
        }

        var day = clock.QuotaDay(competition);
        var used = await db.DailyQuotas.Where(q => q.TeamId == teamId && q.Day == day).Select(q => q.Used).FirstOrDefaultAsync(cancellationToken);
        return new TeamView(team.Id, team.Name, team.InviteCode, team.ApiTokenPrefix,
            team.Members.OrderBy(m => m.JoinedAtUtc).Select(m => m.User?.DisplayName is { Length: > 0 } n ? n : m.User?.Email ?? m.UserId).ToList(),
            used, QuotaService.LimitOf(team.DailyLimitOverride, competition), clock.NextQuotaResetUtc(competition));
    }

    /// <summary>
    /// A team name as kept: without control and invisible format characters (bidirectional controls, zero-width
    /// spaces), any run of white space as one space, trimmed. It is shown on the public board.
    /// </summary>
    private static string TeamName(string name)
    {
        var kept = new StringBuilder(name.Length);
        foreach (var c in BidiControls.Strip(name))
        {
            if (char.IsWhiteSpace(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Trim();
    }

    private static string? WhyNameRefused(string name) => name.Length is < 2 or > 80 ? "A team name needs 2 to 80 characters." : null;

    /// <summary>
    /// Why <paramref name="name"/> cannot be used in the competition: a team's name that reads the same (case and
    /// full-width forms aside: "Team 7", "team 7" and a full-width "TEAM 7" are one name on a board), or null.
    /// </summary>
    private static async Task<string?> NameTakenAsync(PortalDbContext db, int competitionId, string name, CancellationToken cancellationToken)
    {
        var key = NameKey(name);
        var names = await db.Teams.Where(t => t.CompetitionId == competitionId).Select(t => t.Name).ToListAsync(cancellationToken);
        return names.FirstOrDefault(n => NameKey(n) == key) is { } taken
            ? $"The name '{name}' is taken in this competition" + (taken == name ? "." : $" (by '{taken}').")
            : null;
    }

    /// <summary>
    /// The name as compared: full-width forms (U+FF01-U+FF5E) folded to ASCII and upper-cased. Written out because the
    /// app runs with invariant globalization, where <see cref="string.Normalize(NormalizationForm)"/> leaves them as they are.
    /// </summary>
    private static string NameKey(string name) =>
        string.Create(name.Length, name, static (key, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                key[i] = char.ToUpperInvariant(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
            }
        });

    private static async Task<bool> TrySaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The unique indexes (one team per user per competition, unique names) lost a race.
            return false;
        }
    }
}
