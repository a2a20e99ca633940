using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class CompetitionConfiguration : IEntityTypeConfiguration<Competition>
{
    public void Configure(EntityTypeBuilder<Competition> builder)
    {
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(64);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.LadderMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ClassNames)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()));
        builder.HasOne(c => c.HiddenSet).WithOne().HasForeignKey<HiddenSet>(h => h.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Teams).WithOne(t => t.Competition).HasForeignKey(t => t.CompetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
