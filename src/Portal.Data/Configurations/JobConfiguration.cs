using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(j => new { j.State, j.LeaseExpiresAtUtc });
        builder.HasIndex(j => j.SubmissionId);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
    }
}
