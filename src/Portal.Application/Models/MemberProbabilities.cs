namespace Portal.Application.Models;

/// <summary>What one member of a model run produced: images x classes float32 probabilities per TTA view and merged.</summary>
/// <param name="Name">The model file's name.</param>
/// <param name="Weight">Its weight in the soft vote of the members.</param>
/// <param name="Views">The TTA views' names, in the order of <paramref name="PerView"/>.</param>
/// <param name="PerView">Each view's probabilities (images x classes).</param>
/// <param name="Merged">The views merged (images x classes).</param>
public sealed record MemberProbabilities(string Name, double Weight, IReadOnlyList<string> Views, IReadOnlyList<float[]> PerView, float[] Merged);
