using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Sandbox;

/// <summary>
/// The runner's own limits, set before the model is read and impossible for it to raise: an address-space limit
/// (<c>RLIMIT_AS</c>) that every allocation of ONNX Runtime's native code counts against, no core files, and a lower
/// scheduling priority than the server.
/// </summary>
internal static partial class ResourceLimits
{
    private const int RlimitCore = 4;
    private const int RlimitAs = 9;

    /// <summary>
    /// Limits the address space to what is mapped now plus <paramref name="limitBytes"/> less what is resident now:
    /// the runtime's own reservations (the GC reserves its range up front) stay usable, and everything the model
    /// allocates from here on counts. Not set for CUDA, whose driver reserves address space far beyond any limit.
    /// </summary>
    public static void LimitAddressSpace(long limitBytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (size, resident) = ReadOwnMemory();
        var limit = (ulong)(size + Math.Max(limitBytes - resident, 0));
        var value = new Rlimit { Current = limit, Max = limit };
        if (SetRlimit(RlimitAs, ref value) != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"setrlimit(RLIMIT_AS) failed: errno {Marshal.GetLastPInvokeError()}"));
        }
    }

    /// <summary>No core file when the runner crashes (a model's crash must not fill the disk), and a nice value below the server's.</summary>
    public static void Quieten()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var none = new Rlimit { Current = 0, Max = 0 };
        _ = SetRlimit(RlimitCore, ref none);
        try
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.PriorityClass = System.Diagnostics.ProcessPriorityClass.BelowNormal;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not allowed here: the limits above still hold.
        }
    }

    /// <summary>VmSize and VmRSS of this process, in bytes.</summary>
    private static (long Size, long Resident) ReadOwnMemory()
    {
        long size = 0, resident = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmSize:", StringComparison.Ordinal))
            {
                size = Kib(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kib(line);
            }
        }

        return (size, resident);
    }

    private static long Kib(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, ref Rlimit limit);
}
