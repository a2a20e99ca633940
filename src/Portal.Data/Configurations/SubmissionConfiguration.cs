using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Description).HasMaxLength(Submission.MaxDescriptionLength);
        builder.Property(s => s.FileName).HasMaxLength(Submission.MaxFileNameLength);
        builder.Property(s => s.QuotaDay).HasMaxLength(10);
        builder.HasIndex(s => new { s.CompetitionId, s.Status, s.PublicScore });
        builder.HasIndex(s => new { s.TeamId, s.CreatedAtUtc });
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.HasIndex(s => new { s.TeamId, s.ContentHash });
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Competition>().WithMany().HasForeignKey(s => s.CompetitionId).OnDelete(DeleteBehavior.NoAction);
    }
}
