using System.Diagnostics;

namespace Portal.Cli.Tests.Support;

/// <summary>Runs the built <c>portal</c> as its own process: real exit codes, streams and working directory.</summary>
public static class PortalProcess
{
    /// <summary>Runs portal with <paramref name="args"/>; in <paramref name="workingDirectory"/> when given.</summary>
    public static async Task<CliResult> RunAsync(string? workingDirectory, params string[] args)
    {
        var start = StartInfo();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("portal did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The apphost that the build copies next to the tests, else <c>dotnet portal.dll</c>.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "portal.exe" : "portal");
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "portal.dll");
        Assert.True(File.Exists(dll), $"portal.dll was not found next to the tests in {AppContext.BaseDirectory}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(dll);
        return start;
    }
}
