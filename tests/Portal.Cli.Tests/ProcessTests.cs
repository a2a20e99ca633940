using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests;

/// <summary>Runs the built <c>portal</c> as its own process: real exit codes and streams.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Portal_InvalidSubmission_ExitsTwoWithProblemsOnStderr()
    {
        // Arrange
        var set = new SampleSet(count: 20, classCount: 18, seed: 61);
        var labels = (byte[])set.Truth.Clone();
        labels[2] = 99;
        var truth = _dir.Write("info.csv", set.TruthCsv());
        var submission = _dir.Write("sub.csv", set.LabelsCsv(labels));

        // Act
        var (exitCode, stdout, stderr) = await RunPortalAsync("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("sub.csv is not a valid submission (1 problem):", stderr);
        Assert.Contains("line 4, column ans: Label 99 is out of range; labels are class indices, whole numbers from 0 to 17.", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Portal_ValidSubmission_ExitsZeroWithTheReportOnStdout()
    {
        // Arrange
        var set = new SampleSet(count: 20, classCount: 18, seed: 62);
        var truth = _dir.Write("info.csv", set.TruthCsv());
        var submission = _dir.Write("sub.csv", set.LabelsCsv(set.Truth));

        // Act
        var (exitCode, stdout, stderr) = await RunPortalAsync("score", "--truth", truth, "--submission", submission);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        Assert.Contains("Macro F1", stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunPortalAsync(params string[] args)
    {
        var result = await PortalProcess.RunAsync(null, args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
