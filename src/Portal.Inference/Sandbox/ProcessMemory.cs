using System.Globalization;

namespace Portal.Inference.Sandbox;

/// <summary>A Linux process's memory as <c>/proc/&lt;pid&gt;/status</c> gives it: what the sandbox limits and watches.</summary>
/// <param name="AddressSpaceBytes">VmSize: everything mapped, reserved or not.</param>
/// <param name="ResidentBytes">VmRSS: what is in memory now.</param>
public readonly record struct ProcessMemory(long AddressSpaceBytes, long ResidentBytes)
{
    /// <summary>This process's memory.</summary>
    public static ProcessMemory? OfSelf() => Read("/proc/self/status");

    /// <summary>The memory of process <paramref name="pid"/>; null once it has ended (or off Linux).</summary>
    public static ProcessMemory? Of(int pid) => Read(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status"));

    private static ProcessMemory? Read(string path)
    {
        try
        {
            long size = 0, resident = 0;
            foreach (var line in File.ReadLines(path))
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

            return new ProcessMemory(size, resident);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // "VmRSS:	  123456 kB"
    private static long Kib(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}
