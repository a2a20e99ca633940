namespace Portal.Cli.Tests.Support;

/// <summary>Runs <c>portal</c> in-process, capturing its output.</summary>
public static class PortalCli
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
