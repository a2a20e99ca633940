namespace Portal.Application.Submissions;

/// <summary>Why an upload was refused.</summary>
public enum RefusalReason
{
    /// <summary>The file breaks the format rules (see the problems).</summary>
    InvalidFile,

    /// <summary>The team used all of today's submissions.</summary>
    DailyLimitReached,

    /// <summary>The team already made the same submission (same file, same settings); it was not taken again.</summary>
    Duplicate,

    /// <summary>The server cannot take this kind of submission just now (the model runner did not start); nothing was stored or counted.</summary>
    Unavailable,

    /// <summary>The competition is not taking submissions now.</summary>
    NotAccepting,
}
