using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class HiddenSetConfiguration : IEntityTypeConfiguration<HiddenSet>
{
    public void Configure(EntityTypeBuilder<HiddenSet> builder)
    {
        builder.HasIndex(h => h.CompetitionId).IsUnique();
        builder.Property(h => h.ImagesKey).HasMaxLength(260);
    }
}
