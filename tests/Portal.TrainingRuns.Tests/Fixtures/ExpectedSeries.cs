namespace Portal.TrainingRuns.Tests.Fixtures;

/// <summary>What a fixture wrote for one run and tag: the points as the reader must return them.</summary>
internal sealed record ExpectedSeries(string Run, string Tag, List<long> Steps, List<double> Values, List<double> WallTimes);
