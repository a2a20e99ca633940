using System.Globalization;
using System.Runtime.InteropServices;

using Portal.Inference.Sandbox;

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

        var own = ProcessMemory.OfSelf() ?? throw new InvalidOperationException("/proc/self/status could not be read.");
        var limit = (ulong)(own.AddressSpaceBytes + Math.Max(limitBytes - own.ResidentBytes, 0));
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

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, ref Rlimit limit);
}
