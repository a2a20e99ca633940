using Portal.Application.Events;

namespace Portal.Application.Leaderboards;

/// <summary>
/// The boards of competition <paramref name="CompetitionId"/> may have changed (a score arrived, a final pick, a close,
/// a rescore): open boards reload. Published after the write is committed; its version was raised with the write.
/// </summary>
public sealed record BoardChanged(int CompetitionId) : IPortalMessage;
