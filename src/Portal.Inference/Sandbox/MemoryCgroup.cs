using System.Globalization;

namespace Portal.Inference.Sandbox;

/// <summary>
/// A memory cgroup of one runner, under this process's own cgroup, where the machine lets us make one (cgroup v2
/// with the memory controller delegated, or cgroup v1's memory hierarchy writable): a hard limit on the runner's
/// memory, page cache included, that the kernel enforces by killing it. Elsewhere <see cref="TryCreate"/> gives null
/// and the runner's own address-space limit and the parent's watch of its resident memory hold the line.
/// </summary>
internal sealed class MemoryCgroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private readonly string _folder;
    private readonly bool _v2;

    private MemoryCgroup(string folder, bool v2)
    {
        _folder = folder;
        _v2 = v2;
    }

    /// <summary>Kills by the kernel's out-of-memory killer inside this cgroup so far.</summary>
    public int OutOfMemoryKills => ReadCounter(_v2 ? "memory.events" : "memory.oom_control", "oom_kill");

    /// <summary>A new cgroup limited to <paramref name="limitBytes"/>, or null where none can be made.</summary>
    public static MemoryCgroup? TryCreate(long limitBytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var name = "portal-run-" + Guid.NewGuid().ToString("N");
            foreach (var line in File.ReadLines("/proc/self/cgroup"))
            {
                var parts = line.Split(':', 3);
                if (parts.Length != 3)
                {
                    continue;
                }

                var v2 = parts[0] == "0" && parts[1].Length == 0 && File.Exists(Path.Combine(Root, "cgroup.controllers"));
                var v1 = parts[1].Split(',').Contains("memory");
                if (v2 && File.ReadAllText(Path.Combine(Root + parts[2], "cgroup.controllers")).Split(' ', '\n').Contains("memory"))
                {
                    return Make(Path.Combine(Root + parts[2], name), v2: true, limitBytes);
                }

                if (v1 && Directory.Exists(Path.Combine(Root, "memory")))
                {
                    return Make(Path.Combine(Root, "memory" + parts[2], name), v2: false, limitBytes);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cgroup for us here.
        }

        return null;
    }

    private static MemoryCgroup? Make(string folder, bool v2, long limitBytes)
    {
        var limit = limitBytes.ToString(CultureInfo.InvariantCulture);
        try
        {
            Directory.CreateDirectory(folder);
            var group = new MemoryCgroup(folder, v2);
            File.WriteAllText(Path.Combine(folder, v2 ? "memory.max" : "memory.limit_in_bytes"), limit);
            // No swap beyond the limit, where the kernel offers the knob.
            TryWrite(Path.Combine(folder, v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes"), v2 ? "0" : limit);
            return group;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(folder);
            return null;
        }
    }

    /// <summary>Moves process <paramref name="pid"/> into the cgroup (before it reads its model).</summary>
    public void Add(int pid) => File.WriteAllText(Path.Combine(_folder, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

    public void Dispose() => TryDelete(_folder);

    private int ReadCounter(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(_folder, file)))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == key && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            // A cgroup folder is removed with rmdir (its files are the kernel's); it must have no process left.
            Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
