using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data.Entities;
using Portal.Data.Versions;

namespace Portal.Data;

/// <summary>
/// Portal's database. Provider-neutral: each provider has a derived context that owns its own
/// migrations (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>).
/// Every save raises the versions of the competitions whose boards or hidden sets it changes
/// (<see cref="CompetitionVersionRule"/>), in the same transaction as the change. It also keeps the ASP.NET Core
/// data-protection keys (<see cref="DataProtectionKeys"/>), so that every web instance over one database signs and
/// reads the same cookies and antiforgery tokens.
/// </summary>
public class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Competition> Competitions => Set<Competition>();
    public DbSet<HiddenSet> HiddenSets => Set<HiddenSet>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<DailyQuota> DailyQuotas => Set<DailyQuota>();
    public DbSet<HostToken> HostTokens => Set<HostToken>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Raises <paramref name="versions"/> of competition <paramref name="competitionId"/> by one, in SQL
    /// (<c>SET v = v + 1</c>, so two writers never both write the same number). For writes that bypass
    /// <c>SaveChanges</c> (<c>ExecuteUpdate</c>): call it in the same transaction, after the write.
    /// </summary>
    public Task RaiseVersionAsync(int competitionId, CompetitionVersion versions, CancellationToken cancellationToken)
    {
        var (board, hidden) = Increments(versions);
        return Competitions.Where(c => c.Id == competitionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.BoardVersion, c => c.BoardVersion + board)
            .SetProperty(c => c.HiddenSetVersion, c => c.HiddenSetVersion + hidden), cancellationToken);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var raises = CompetitionVersionRule.Collect(ChangeTracker);
        if (raises.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var (competitionId, versions) in Merge(raises))
        {
            await RaiseVersionAsync(competitionId, versions, cancellationToken);
        }

        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var raises = CompetitionVersionRule.Collect(ChangeTracker);
        if (raises.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using IDbContextTransaction? owned = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        foreach (var (competitionId, versions) in Merge(raises))
        {
            var (board, hidden) = Increments(versions);
            Competitions.Where(c => c.Id == competitionId).ExecuteUpdate(s => s
                .SetProperty(c => c.BoardVersion, c => c.BoardVersion + board)
                .SetProperty(c => c.HiddenSetVersion, c => c.HiddenSetVersion + hidden));
        }

        owned?.Commit();
        return saved;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<Conventions.UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    private static (long Board, long HiddenSet) Increments(CompetitionVersion versions) =>
        (versions.HasFlag(CompetitionVersion.Board) ? 1 : 0, versions.HasFlag(CompetitionVersion.HiddenSet) ? 1 : 0);

    // One increment per competition and version, however many of its rows the save touched.
    private static Dictionary<int, CompetitionVersion> Merge(List<CompetitionVersionRule.PendingRaise> raises)
    {
        var merged = new Dictionary<int, CompetitionVersion>();
        foreach (var raise in raises)
        {
            merged[raise.CompetitionId] = merged.GetValueOrDefault(raise.CompetitionId) | raise.Versions;
        }

        return merged;
    }
}
