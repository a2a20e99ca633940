using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data;

/// <summary>
/// Portal's database. Provider-neutral: each provider has a derived context that owns its own
/// migrations (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>).
/// </summary>
public class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Competition> Competitions => Set<Competition>();
    public DbSet<HiddenSet> HiddenSets => Set<HiddenSet>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<DailyQuota> DailyQuotas => Set<DailyQuota>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
