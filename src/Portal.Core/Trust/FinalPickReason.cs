namespace Portal.Core.Trust;

/// <summary>Why a submission is suggested as a final.</summary>
public enum FinalPickReason
{
    /// <summary>It has the best public score.</summary>
    BestPublic,

    /// <summary>It is statistically tied with the best and differs most from the picks before it.</summary>
    TiedAndMostDifferent,

    /// <summary>No submission left is tied with the best, so the next best public score.</summary>
    NextBest,
}
