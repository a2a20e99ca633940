namespace Portal.Application.Admin;

/// <summary>The <c>HostViews</c> section of appsettings.json: page sizes of the host's tables of submissions and jobs.</summary>
public sealed class HostViewOptions
{
    public const string Section = "HostViews";

    /// <summary>Submissions per page of a competition's submissions table.</summary>
    public int SubmissionsPageSize { get; set; } = 25;

    /// <summary>Jobs per page of the table of jobs across competitions.</summary>
    public int JobsPageSize { get; set; } = 50;

    /// <summary>The largest page an API caller may ask for.</summary>
    public int MaxPageSize { get; set; } = 200;
}
