using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> builder)
    {
        builder.HasKey(r => r.SubmissionId);
        builder.Property(r => r.GitCommit).HasMaxLength(TrainingRun.MaxGitCommitLength);
        builder.Property(r => r.ValidationTag).HasMaxLength(TrainingRun.MaxTagLength);
        builder.HasOne<Submission>().WithOne().HasForeignKey<TrainingRun>(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
