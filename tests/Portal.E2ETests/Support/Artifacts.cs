namespace Portal.E2ETests.Support;

/// <summary>Where test artifacts go: artifacts/ at the repository root (git-ignored), or PORTAL_ARTIFACTS.</summary>
internal static class Artifacts
{
    public static string Root { get; } = Environment.GetEnvironmentVariable("PORTAL_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts");

    public static string Screenshots => Path.Combine(Root, "screenshots");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
