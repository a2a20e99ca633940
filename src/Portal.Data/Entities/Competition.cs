namespace Portal.Data.Entities;

/// <summary>A competition: its rules, its classes and its hidden set.</summary>
public sealed class Competition
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>Markdown shown on the overview page.</summary>
    public string Description { get; set; } = "";

    /// <summary>Class names, indexed by class (stored as JSON).</summary>
    public List<string> ClassNames { get; set; } = [];

    /// <summary>Attribute axes as JSON (<c>[{"name":"mask","values":["Wear",...]},...]</c>); null when there are none.</summary>
    public string? AxesJson { get; set; }

    public double PublicFraction { get; set; } = 0.5;
    public long SplitSeed { get; set; } = 42;

    /// <summary>Start and end, in UTC.</summary>
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }

    /// <summary>IANA time zone whose midnight resets the daily limit.</summary>
    public string TimeZone { get; set; } = "UTC";

    public int DailySubmissionLimit { get; set; } = 5;
    public int FinalSelectionLimit { get; set; } = 2;

    /// <summary>Whether participants see per-class scores on the public split while the competition runs.</summary>
    public bool ShowPublicPerClass { get; set; }

    /// <summary>Ladder mode of the public board (Blum and Hardt, ICML 2015); off by default.</summary>
    public LadderMode LadderMode { get; set; } = LadderMode.Off;

    /// <summary>The step of <see cref="LadderMode.FixedStep"/> (macro F1); unused in the other modes.</summary>
    public double LadderStep { get; set; } = 0.001;

    public CompetitionState State { get; set; } = CompetitionState.Draft;
    public DateTime? ClosedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// Raised by one on every change that may change a board (a score, a final pick, close, reopen, rescore, settings).
    /// Each process caches boards under this version, so another process's writes are seen at the next read.
    /// </summary>
    public long BoardVersion { get; set; }

    /// <summary>Raised by one whenever the hidden set, its split or the classes change; the key of the hidden-set cache.</summary>
    public long HiddenSetVersion { get; set; }

    public HiddenSet? HiddenSet { get; set; }
    public List<Team> Teams { get; set; } = [];
}
