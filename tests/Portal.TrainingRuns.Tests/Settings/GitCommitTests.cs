using Portal.TrainingRuns.Settings;

namespace Portal.TrainingRuns.Tests.Settings;

public sealed class GitCommitTests
{
    [Theory]
    [InlineData("3f2a9c1", "3f2a9c1", true)]
    [InlineData("  3F2A9C1E0B  ", "3f2a9c1e0b", true)]
    [InlineData("3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c", "3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c", false)]
    [InlineData("3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c3f2a9c1e0b7d4a5f6c8e9d0a", "3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c3f2a9c1e0b7d4a5f6c8e9d0a", false)]
    public void TryParse_HexOfAValidLength_TheLowerCaseHash(string text, string hash, bool abbreviated)
    {
        Assert.True(GitCommit.TryParse(text, out var commit));
        Assert.Equal((hash, abbreviated), (commit.Hash, commit.IsAbbreviated));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3f2a9c")]
    [InlineData("3f2a9c1g")]
    [InlineData("main")]
    [InlineData("3f2a9c1e0b7d4a5f6c8e9d0a1b2c3d4e5f6a7b8c0")]
    [InlineData("3f2a 9c1")]
    public void TryParse_NotAHash_False(string? text)
    {
        Assert.False(GitCommit.TryParse(text, out _));
    }

    [Fact]
    public void Parse_NotAHash_RefusalNamesTheSource()
    {
        var e = Assert.Throws<RunFileRejectedException>(() => GitCommit.Parse("HEAD", "--commit"));

        Assert.Equal((RunFileProblem.NotAGitCommit, "--commit"), (e.Problem, e.FileName));
    }
}
