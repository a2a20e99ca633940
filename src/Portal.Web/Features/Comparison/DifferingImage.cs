namespace Portal.Web.Features.Comparison;

/// <summary>
/// One image A and B label differently. <see cref="Truth"/> is set only where the viewer may see
/// per-image correctness (hosts; participants after the close), never during the competition.
/// <see cref="Flips"/> names the attributes (mask, gender, age) whose value differs between A and B.
/// </summary>
public sealed record DifferingImage(int Position, string ImageId, int A, int B, int? Truth, IReadOnlyList<string> Flips);
