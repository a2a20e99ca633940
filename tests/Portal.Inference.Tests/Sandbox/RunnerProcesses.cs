namespace Portal.Inference.Tests.Sandbox;

/// <summary>
/// Finds the sandboxed runners at work that a test started: the processes whose working directory is under a folder
/// and that were given a request (the sandbox also keeps a spare runner waiting, which this leaves out).
/// </summary>
internal static class RunnerProcesses
{
    /// <summary>The ids of the processes whose working directory is under <paramref name="folder"/>.</summary>
    public static List<int> Under(string folder)
    {
        var root = Path.GetFullPath(folder);
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget is { } cwd && cwd.StartsWith(root, StringComparison.Ordinal)
                    && File.Exists(Path.Combine(Path.GetDirectoryName(cwd)!, "io", "request.json")))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return found;
    }

    /// <summary>
    /// Waits until a runner runs under <paramref name="folder"/> (at most a minute: a run decodes the hidden images before
    /// it starts its runner, which takes long on a loaded machine), then a moment more so it has read its request.
    /// </summary>
    public static async Task<int> WaitForOneAsync(string folder, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (Under(folder) is [var pid, ..])
            {
                await Task.Delay(500, cancellationToken);
                return pid;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"No runner started under {folder}.");
    }
}
