namespace Portal.Benchmarks;

/// <summary>Where the inference benchmarks keep their generated inputs: bench/data (git-ignored), created when missing.</summary>
internal static class BenchPaths
{
    public static string DataFolder { get; } = Locate();

    public static string Data(string name) => Path.Combine(DataFolder, name);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bench", "run.sh")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "bench", "data")).FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with bench/run.sh) was not found above " + AppContext.BaseDirectory);
    }
}
