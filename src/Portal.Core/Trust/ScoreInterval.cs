namespace Portal.Core.Trust;

/// <summary>
/// A macro F1 on a set of images with its bootstrap percentile interval: <see cref="Lower"/> and
/// <see cref="Upper"/> are the (1 - confidence) / 2 and (1 + confidence) / 2 percentiles of the resampled
/// macro F1 (numpy's linear percentile). All three in [0, 1].
/// </summary>
public sealed record ScoreInterval(double Score, double Lower, double Upper, double Confidence);
