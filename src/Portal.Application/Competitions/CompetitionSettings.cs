using System.ComponentModel.DataAnnotations;
using Portal.Data.Entities;

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

    /// <summary>Ladder mode of the public board (off by default; see <c>BoardLadder</c>).</summary>
    public LadderMode LadderMode { get; set; } = LadderMode.Off;

    /// <summary>The fixed ladder's step in macro F1 (<see cref="Portal.Core.Trust.Ladder.DefaultStep"/> by default).</summary>
    [Range(MinimumLadderStep, MaximumLadderStep)]
    public double LadderStep { get; set; } = Portal.Core.Trust.Ladder.DefaultStep;

    /// <summary>The smallest step a host may set: below it the ladder is the plain board.</summary>
    public const double MinimumLadderStep = 0.0001;

    /// <summary>The largest step a host may set: above it a real improvement rarely shows.</summary>
    public const double MaximumLadderStep = 0.1;
}
