using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Event).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LeaseOwner).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.Property(d => d.DedupeKey).HasMaxLength(WebhookDelivery.MaxDedupeKeyLength);
        builder.HasIndex(d => d.DedupeKey).IsUnique();
        builder.HasIndex(d => new { d.State, d.NextAttemptAtUtc });
        builder.HasIndex(d => new { d.TeamId, d.Id });
        builder.HasOne(d => d.Team).WithMany().HasForeignKey(d => d.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
