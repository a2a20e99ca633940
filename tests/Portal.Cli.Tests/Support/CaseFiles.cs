namespace Portal.Cli.Tests.Support;

/// <summary>The files of the real-world cases copied from ../shared/cases (see its README), next to the tests.</summary>
public static class CaseFiles
{
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cases");

    /// <summary>The full path of <paramref name="parts"/> under the cases folder, e.g. ("08-kappa-single-class", "a.csv").</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
