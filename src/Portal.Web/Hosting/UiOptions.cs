namespace Portal.Web.Hosting;

/// <summary>The <c>Ui</c> section of appsettings.json: how the pages behave while open in a browser.</summary>
public sealed class UiOptions
{
    public const string Section = "Ui";

    /// <summary>How often countdowns ("Closes in 3 days 4 h") are computed again while a page is interactive.</summary>
    public TimeSpan CountdownRefresh { get; set; } = TimeSpan.FromMinutes(1);
}
