namespace Portal.Web.Hosting;

/// <summary>The <c>Api</c> section of appsettings.json.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Submissions one team (or address) may send per window.</summary>
    public int SubmissionPermits { get; set; } = 10;

    /// <summary>The window of <see cref="SubmissionPermits"/>.</summary>
    public TimeSpan SubmissionWindow { get; set; } = TimeSpan.FromMinutes(1);
}
