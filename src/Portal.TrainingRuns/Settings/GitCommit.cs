using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Portal.TrainingRuns.Settings;

/// <summary>
/// A git commit a run was trained from: <see cref="Hash"/> is 7 to 40 hexadecimal digits (an abbreviated or full SHA-1
/// hash) or 64 (a SHA-256 repository's), in lower case.
/// </summary>
public sealed record GitCommit
{
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    private GitCommit(string hash) => Hash = hash;

    /// <summary>The hash in lower case.</summary>
    public string Hash { get; }

    /// <summary>Whether this is a prefix of a full hash (<c>git rev-parse --short</c>), not the full one.</summary>
    public bool IsAbbreviated => Hash.Length < 40;

    /// <summary>The commit in <paramref name="text"/> (surrounding whitespace ignored), or false when it is not a hash.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitCommit? commit)
    {
        commit = null;
        var hash = text.AsSpan().Trim();
        if (hash.Length is < 7 or > 40 and not 64 || hash.ContainsAnyExcept(Hex))
        {
            return false;
        }

        commit = new GitCommit(hash.ToString().ToLowerInvariant());
        return true;
    }

    /// <summary>
    /// The commit in <paramref name="text"/>; refused with <see cref="RunFileProblem.NotAGitCommit"/> and
    /// <paramref name="source"/> (a file or field name) otherwise.
    /// </summary>
    public static GitCommit Parse(string? text, string source) => TryParse(text, out var commit)
        ? commit
        : throw new RunFileRejectedException(RunFileProblem.NotAGitCommit, source,
            "a git commit is 7 to 40 hexadecimal digits (git rev-parse HEAD), such as 3f2a9c1.");

    /// <inheritdoc/>
    public override string ToString() => Hash;
}
