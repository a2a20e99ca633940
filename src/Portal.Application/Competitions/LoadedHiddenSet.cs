using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Application.Competitions;

/// <summary>A competition's hidden set in memory, ready for scoring.</summary>
public sealed record LoadedHiddenSet(int CompetitionId, GroundTruth Truth, PublicPrivateSplit Split, ClassTaxonomy Taxonomy, string ImagesKey);
