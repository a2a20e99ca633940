using System.ComponentModel.DataAnnotations;

namespace Portal.Application.Competitions;

/// <summary>What a host sets when creating or editing a competition.</summary>
public sealed class CompetitionSettings
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,62}$", ErrorMessage = "Use 2-63 lowercase letters, digits and dashes.")]
    public string Slug { get; set; } = "";

    [Required, StringLength(200)]
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Class names, one per line; empty means the built-in mask / gender / age classes.</summary>
    public string ClassNames { get; set; } = "";

    /// <summary>Use the mask x gender x age axes (only with the built-in 18 classes).</summary>
    public bool MaskAxes { get; set; } = true;

    [Range(0.05, 0.95)]
    public double PublicFraction { get; set; } = 0.5;

    public long SplitSeed { get; set; } = 42;

    public DateTime StartsAtUtc { get; set; } = DateTime.UtcNow.Date;
    public DateTime EndsAtUtc { get; set; } = DateTime.UtcNow.Date.AddDays(30);

    [Required]
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 1000)]
    public int DailySubmissionLimit { get; set; } = 5;

    [Range(1, 20)]
    public int FinalSelectionLimit { get; set; } = 2;

    public bool ShowPublicPerClass { get; set; }
}
