namespace Portal.Application.Leaderboards;

/// <summary>
/// A board's best scores over time, one series per team, and the span to draw them over: from the competition's start
/// (or its first entry, if earlier) until now, or until the close once closed; each team's line holds its best until then.
/// </summary>
public sealed record ScoreTimeline(BoardKind Board, IReadOnlyList<ScoreTimelineSeries> Series, DateTime FromUtc, DateTime UntilUtc)
{
    public static ScoreTimeline Empty(BoardKind board) => new(board, [], default, default);
}
