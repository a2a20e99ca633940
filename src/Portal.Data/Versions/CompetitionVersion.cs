namespace Portal.Data.Versions;

/// <summary>The versions a competition row carries, each the key of one cache in every process.</summary>
[Flags]
public enum CompetitionVersion
{
    None = 0,

    /// <summary><see cref="Entities.Competition.BoardVersion"/>: what its boards show.</summary>
    Board = 1,

    /// <summary><see cref="Entities.Competition.HiddenSetVersion"/>: its hidden set, split and classes.</summary>
    HiddenSet = 2,
}
