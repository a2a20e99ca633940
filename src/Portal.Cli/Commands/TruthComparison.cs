using Portal.Core.Comparison;
using Portal.Core.Scoring;

namespace Portal.Cli.Commands;

/// <summary>Two submissions scored against the same truth, with the McNemar test and the bootstrap interval of their difference.</summary>
internal sealed record TruthComparison(string TruthPath, ScoreReport A, ScoreReport B, McNemarTable McNemar, BootstrapInterval Bootstrap);
