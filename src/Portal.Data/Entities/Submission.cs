namespace Portal.Data.Entities;

/// <summary>One entry of a team: its file, its predictions (a compact blob) and its scores.</summary>
public sealed class Submission
{
    /// <summary>The longest description stored (characters); the column's size.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>The longest file name stored (characters); the column's size.</summary>
    public const int MaxFileNameLength = 260;

    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int TeamId { get; set; }
    public string? SubmittedByUserId { get; set; }
    public SubmissionKind Kind { get; set; }
    public string Description { get; set; } = "";
    public SubmissionStatus Status { get; set; }

    /// <summary>Why scoring failed, in words for the team.</summary>
    public string? Error { get; set; }

    /// <summary>The uploaded file in storage, as it was sent.</summary>
    public string FileKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }

    /// <summary>SHA-256 of the uploaded file (lowercase hex), so the same file uploaded again by the team is flagged before it takes a slot; null for kinds without one file (ensembles).</summary>
    public string? ContentHash { get; set; }

    /// <summary>The day in the competition's time zone it counts toward (yyyy-MM-dd).</summary>
    public string QuotaDay { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ScoredAtUtc { get; set; }

    public double? PublicScore { get; set; }
    public double? PrivateScore { get; set; }

    /// <summary>One byte per image, hidden-set order; null until scored.</summary>
    public byte[]? Labels { get; set; }

    /// <summary>The probabilities blob in storage (float32, images x classes), when known.</summary>
    public string? ProbabilitiesKey { get; set; }

    /// <summary>Metrics beyond the score (per class, per attribute) of each split, as JSON.</summary>
    public string? DetailsJson { get; set; }

    public bool IsFinal { get; set; }

    /// <summary>The team's own validation macro F1 in [0, 1], as the team reported it with the submission; null when not given.</summary>
    public double? ValidationF1 { get; set; }

    /// <summary>The team's per-fold validation macro F1 values (k-fold cross-validation), each in [0, 1]; empty when not given.</summary>
    public List<double> ValidationFoldF1s { get; set; } = [];

    public Team? Team { get; set; }

    /// <summary>What the model run found (per view, per member), for model submissions once run; null otherwise.</summary>
    public ModelRun? ModelRun { get; set; }
}
