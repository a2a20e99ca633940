namespace Portal.Data.Entities;

/// <summary>How the public board shows a team's scores (see <c>Portal.Core.Trust.Ladder</c>).</summary>
public enum LadderMode
{
    /// <summary>The plain board: a team's best public score.</summary>
    Off,

    /// <summary>A new best shows only when it beats the shown score by more than <see cref="Competition.LadderStep"/>.</summary>
    FixedStep,

    /// <summary>A new best shows only when it beats the shown score by more than the standard error of the paired difference.</summary>
    ParameterFree,
}
