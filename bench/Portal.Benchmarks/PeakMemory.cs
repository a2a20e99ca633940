using System.Diagnostics;
using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>The process's peak resident memory, and (on Linux) a way to reset it between phases.</summary>
internal static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";

    // Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one (Linux 4.0 and later).
    private const string ResetPeak = "5";

    private const double Mebibyte = 1024.0 * 1024.0;

    /// <summary>Peak resident memory in MiB (VmHWM on Linux).</summary>
    public static double PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / Mebibyte;
    }

    /// <summary>Current resident memory in MiB.</summary>
    public static double CurrentMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / Mebibyte;
    }

    /// <summary>Resets the peak to the current resident memory; false where the system does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText(ClearRefs, ResetPeak);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Format(double mib) => mib.ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
