namespace Portal.Core.Trust;

/// <summary>How a team's validation macro F1 compares with its public score (see <see cref="ValidationGapCheck"/>).</summary>
public enum ValidationGapVerdict
{
    /// <summary>The gap is within the combined noise of the two scores.</summary>
    WithinNoise,

    /// <summary>The gap exceeds the noise, but by less than <see cref="ValidationGapCheck.ShiftRatio"/> times.</summary>
    BeyondNoise,

    /// <summary>The gap is much larger than the noise: the validation set does not look like the test set.</summary>
    Shift,
}
