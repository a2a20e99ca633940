using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>The files written by bench/make_bench_data.py, found from the repository root.</summary>
internal static class BenchData
{
    public static string Directory { get; } = Locate();

    public static string File(string name) => Path.Combine(Directory, name);

    public static GroundTruth Truth(int n) => TruthCsvReader.Read(File($"truth_{n}.csv"), 18).GetValueOrThrow();

    public static Predictions Labels(GroundTruth truth, string name) =>
        PredictionCsvReader.Read(File(name), truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "data");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("bench/data not found: run /usr/bin/python3 bench/make_bench_data.py first.");
    }
}
