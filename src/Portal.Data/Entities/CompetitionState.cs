namespace Portal.Data.Entities;

/// <summary>Where a competition is in its life.</summary>
public enum CompetitionState
{
    /// <summary>Being set up by the host; participants cannot see it.</summary>
    Draft,

    /// <summary>Running: the public board is live.</summary>
    Open,

    /// <summary>Closed by the host: the private board is revealed.</summary>
    Closed,
}
