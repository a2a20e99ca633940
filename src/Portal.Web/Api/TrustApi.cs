using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Trust;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>
/// A team's own trust numbers under <c>/api/v1</c>: its validation gap and the final-pick assistant. For the caller's own
/// team (a member or the team's token), or for a host any team named by <c>?team=</c>; everything in them is an aggregate
/// of the public split (see <see cref="TeamTrustService"/>).
/// </summary>
public static class TrustApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTrustApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/competitions/{slug}/validation-gap", ValidationGapAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("The caller's team's submissions that carry validationF1 / validationFolds: validation against public macro F1 with its 95% interval, and whether the gap is beyond noise or a shift. Hosts name any team with ?team=ID.");
        v1.MapGet("/competitions/{slug}/final-picks", FinalPicksAsync).RequireAuthorization(Policies.ApiReader)
            .WithDescription("Before the close: the caller's team's submissions tied with its best public one (Compare's paired bootstrap), and suggested finals with the reason. Hosts name any team with ?team=ID.");
        return v1;
    }

    private static async Task<Results<Ok<ApiValidationGap>, NotFound, ProblemHttpResult>> ValidationGapAsync(
        string slug, int? team, HttpContext http, CompetitionService competitions, TeamTrustService trust)
    {
        var viewer = Viewer.From(http.User);
        if (await competitions.FindAsync(slug, viewer, http.RequestAborted) is not { } competition)
        {
            return TypedResults.NotFound();
        }

        var report = await trust.ValidationGapAsync(competition, viewer, team, http.RequestAborted);
        return report.Unavailable is { } why
            ? TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden)
            : TypedResults.Ok(ApiValidationGap.From(report));
    }

    private static async Task<Results<Ok<ApiFinalPicks>, NotFound, ProblemHttpResult>> FinalPicksAsync(
        string slug, int? team, HttpContext http, CompetitionService competitions, TeamTrustService trust)
    {
        var viewer = Viewer.From(http.User);
        if (await competitions.FindAsync(slug, viewer, http.RequestAborted) is not { } competition)
        {
            return TypedResults.NotFound();
        }

        var report = await trust.FinalPicksAsync(competition, viewer, team, http.RequestAborted);
        return report.Unavailable is { } why
            ? TypedResults.Problem(why, statusCode: report.FinalsFixed ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden)
            : TypedResults.Ok(ApiFinalPicks.From(report));
    }
}
