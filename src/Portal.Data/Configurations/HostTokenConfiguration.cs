using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class HostTokenConfiguration : IEntityTypeConfiguration<HostToken>
{
    public void Configure(EntityTypeBuilder<HostToken> builder)
    {
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.TokenPrefix).HasMaxLength(16);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
