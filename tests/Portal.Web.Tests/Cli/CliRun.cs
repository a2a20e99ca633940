namespace Portal.Web.Tests.Cli;

/// <summary>What one run of <c>portal</c> did: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);
