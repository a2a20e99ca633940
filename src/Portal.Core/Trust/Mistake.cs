namespace Portal.Core.Trust;

/// <summary>
/// One image a submission gets wrong: its position and its (truth, predicted) pair. Under any weighting of the
/// images, a submission's confusion counts differ from the truth's own class counts only through its mistakes.
/// </summary>
internal readonly record struct Mistake(int Image, byte Truth, byte Predicted);
