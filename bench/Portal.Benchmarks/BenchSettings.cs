using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>Sizes of the inference benchmarks, from the environment so the lead can scale them without editing code.</summary>
internal static class BenchSettings
{
    /// <summary>Images per BenchmarkDotNet operation (<c>PORTAL_BENCH_IMAGES</c>, default 512), rounded down to whole batches.</summary>
    public static int Images => Math.Max(Batch, Integer("PORTAL_BENCH_IMAGES", 512) / Batch * Batch);

    /// <summary>Images per model run (<c>PORTAL_BENCH_BATCH</c>, default 32).</summary>
    public static int Batch => Integer("PORTAL_BENCH_BATCH", 32);

    public static int Integer(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
