using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

internal sealed class ModelRunConfiguration : IEntityTypeConfiguration<ModelRun>
{
    public void Configure(EntityTypeBuilder<ModelRun> builder)
    {
        builder.HasKey(r => r.SubmissionId);
        builder.Property(r => r.Provider).HasMaxLength(32);
        builder.HasOne<Submission>().WithOne(s => s.ModelRun).HasForeignKey<ModelRun>(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
