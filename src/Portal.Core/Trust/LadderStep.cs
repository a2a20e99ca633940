namespace Portal.Core.Trust;

/// <summary>
/// A team's board after one of its submissions under the ladder: the submission's own public <see cref="Score"/>, the
/// score the board shows after it (<see cref="Shown"/>), and whether this submission set it (<see cref="NewBest"/>).
/// </summary>
public sealed record LadderStep(double Score, double Shown, bool NewBest);
