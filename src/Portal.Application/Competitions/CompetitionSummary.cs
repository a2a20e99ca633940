using Portal.Data.Entities;

namespace Portal.Application.Competitions;

/// <summary>What the home page and the API list about a competition.</summary>
public sealed record CompetitionSummary(
    string Slug,
    string Title,
    CompetitionState State,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
    int Teams,
    int ImageCount,
    int ClassCount);
