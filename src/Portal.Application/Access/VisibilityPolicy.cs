using Portal.Data.Entities;

using Portal.Application.Access;

namespace Portal.Application.Access;

/// <summary>
/// Who may see what (PRODUCT.md "What participants may see"), in one place: hosts see everything at any time;
/// everyone sees the private side (private scores, the private board, the truth behind comparisons, per-view private
/// scores) once the competition is closed; public per-class details during the competition only when the host allows
/// them; the label audit (which names images and their true labels) hosts at any time and signed-in participants once
/// closed; draft competitions only hosts. Whose team a viewer may open is <see cref="TeamAccess"/>.
/// </summary>
public static class VisibilityPolicy
{
    /// <summary>Private scores, the private board and the full truth (both splits).</summary>
    public static bool SeesPrivate(Viewer viewer, Competition competition)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(competition);
        return viewer.IsHost || competition.State == CompetitionState.Closed;
    }

    /// <summary>The per-class and per-attribute details of a submission's public score.</summary>
    public static bool SeesPublicDetails(Viewer viewer, Competition competition) =>
        SeesPrivate(viewer, competition) || competition.ShowPublicPerClass;

    /// <summary>
    /// The label audit: images with their true and disputed labels. Hosts at any time; signed-in participants (members and
    /// team tokens) once the competition is closed; never anonymous callers, since it comes with the images' thumbnails.
    /// </summary>
    public static bool SeesLabelAudit(Viewer viewer, Competition competition)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(competition);
        return viewer.IsHost || (viewer.IsSignedIn && competition.State == CompetitionState.Closed);
    }

    /// <summary>Whether the viewer's team may still pick or drop its final submissions (until the close; hosts always).</summary>
    public static bool MayChangeFinals(Viewer viewer, Competition competition)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(competition);
        return viewer.IsHost || competition.State != CompetitionState.Closed;
    }

    /// <summary>
    /// Whether the viewer sees a submission's training run: its own team's (and hosts', <paramref name="opensTeam"/> from
    /// <see cref="TeamAccess.MayOpenAsync"/>) always; another team's only once that team published it and the competition
    /// is closed.
    /// </summary>
    public static bool SeesTrainingRun(Viewer viewer, Competition competition, bool opensTeam, bool published)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(competition);
        return opensTeam || (published && competition.State == CompetitionState.Closed && SeesCompetition(viewer, competition.State));
    }

    /// <summary>Whether a team may publish its training runs for other teams: once the competition is closed.</summary>
    public static bool MayPublishTrainingRuns(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        return competition.State == CompetitionState.Closed;
    }

    /// <summary>Whether the competition is listed and shown at all (a draft is the host's only).</summary>
    public static bool SeesCompetition(Viewer viewer, CompetitionState state)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.IsHost || state != CompetitionState.Draft;
    }
}
