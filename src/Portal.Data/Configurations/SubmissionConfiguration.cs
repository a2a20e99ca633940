using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        builder.Property(s => s.ValidationFoldF1s)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<double>>(v, JsonSerializerOptions.Default) ?? new List<double>(),
                new ValueComparer<List<double>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())), v => v.ToList()));
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Competition>().WithMany().HasForeignKey(s => s.CompetitionId).OnDelete(DeleteBehavior.NoAction);
    }
}
