namespace Portal.Core.Submissions;

/// <summary>The two CSV submission formats.</summary>
public enum SubmissionFormat
{
    /// <summary><c>ImageID,ans</c>.</summary>
    Labels,

    /// <summary><c>ImageID</c> then one probability column per class.</summary>
    Probabilities,
}
