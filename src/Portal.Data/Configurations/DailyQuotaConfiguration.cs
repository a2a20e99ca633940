using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class DailyQuotaConfiguration : IEntityTypeConfiguration<DailyQuota>
{
    public void Configure(EntityTypeBuilder<DailyQuota> builder)
    {
        builder.HasKey(q => new { q.TeamId, q.Day });
        builder.Property(q => q.Day).HasMaxLength(10);
        builder.HasOne<Team>().WithMany().HasForeignKey(q => q.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
