namespace Portal.Cli.Tests.Support;

/// <summary>What one run of <c>portal</c> did.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
