using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(80);
        builder.HasIndex(t => new { t.CompetitionId, t.Name }).IsUnique();
        builder.HasIndex(t => t.InviteCode).IsUnique();
        builder.HasIndex(t => t.ApiTokenHash).IsUnique();
        builder.Property(t => t.InviteCode).HasMaxLength(32);
        builder.Property(t => t.ApiTokenHash).HasMaxLength(64);
        builder.Property(t => t.ApiTokenPrefix).HasMaxLength(16);
        builder.Property(t => t.WebhookUrl).HasMaxLength(Team.MaxWebhookUrlLength);
        builder.HasMany(t => t.Members).WithOne(m => m.Team).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
