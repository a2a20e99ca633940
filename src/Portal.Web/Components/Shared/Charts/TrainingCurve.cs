namespace Portal.Web.Components.Shared.Charts;

/// <summary>One line of a <see cref="TrainingCurvesChart"/>: its legend <see cref="Name"/> and parallel arrays of steps and values.</summary>
public sealed record TrainingCurve(string Name, long[] Steps, double[] Values);
