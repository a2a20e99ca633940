using Portal.Core.Submissions;

namespace Portal.Cli.Commands;

/// <summary>What <c>portal ensemble</c> combined and wrote.</summary>
internal sealed record EnsembleResult(string Method, IReadOnlyList<string> Members, IReadOnlyList<double> Weights, string OutPath, int Count, SubmissionFormat Format);
