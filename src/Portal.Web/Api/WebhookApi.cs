using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Notifications;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>
/// The caller team's webhook under <c>/api/v1/competitions/{slug}/team/webhook</c>, for its team token: read it with its
/// latest messages, set it (checked as on the Team page: https, a public host), remove it, or send a test message. The
/// same <see cref="TeamWebhookService"/> as the Team page, so the address rules are one rule in one place.
/// </summary>
public static class WebhookApi
{
    /// <summary>The JSON field of the address in a PUT body.</summary>
    public const string UrlField = "url";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapWebhookApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var webhook = v1.MapGroup("/competitions/{slug}/team/webhook").RequireAuthorization(Policies.TeamToken);
        webhook.MapGet("", GetAsync)
            .Produces<ApiWebhook>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("The token's team's webhook address (null when none) and its latest messages, newest first: event, state, attempts, " +
                "the receiver's last status code or error, and when it was queued, tried, delivered or will be tried again (UTC).");
        webhook.MapPut("", SetAsync)
            .Produces<ApiWebhook>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Sets the team's webhook (JSON: {\"url\": \"https://hooks.slack.com/services/...\"}; a Slack or Discord incoming webhook). " +
                "It must be https and its host public; a refused address is 400 with the reason. Messages: a submission scored or failed, " +
                "the team overtaken on the public board, a day before the close.");
        webhook.MapDelete("", RemoveAsync)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Removes the team's webhook: no more messages are sent to it.");
        webhook.MapPost("/test", TestAsync)
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Queues a test message to the team's webhook; its fate shows in GET's deliveries. 409 when no webhook is set.");
        return v1;
    }

    private static async Task<IResult> GetAsync(string slug, HttpContext http, CompetitionService competitions, TeamWebhookService webhooks)
    {
        var (teamId, refusal) = await TeamAsync(slug, http, competitions);
        return refusal ?? await ViewAsync(teamId, webhooks, http.RequestAborted);
    }

    private static async Task<IResult> SetAsync(string slug, JsonElement body, HttpContext http, CompetitionService competitions, TeamWebhookService webhooks)
    {
        var (teamId, refusal) = await TeamAsync(slug, http, competitions);
        if (refusal is not null)
        {
            return refusal;
        }

        // Only a non-empty string sets the address: removing it is DELETE, so a misspelt key or a null never clears it by accident.
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(UrlField, out var value) || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return FieldProblem("Send the webhook address as {\"url\": \"https://hooks.slack.com/services/...\"}; to remove the webhook, send DELETE to this address.");
        }

        if (await webhooks.SetUrlAsync(teamId, value.GetString(), http.RequestAborted) is { } error)
        {
            return FieldProblem(error);
        }

        return await ViewAsync(teamId, webhooks, http.RequestAborted);
    }

    private static async Task<IResult> RemoveAsync(string slug, HttpContext http, CompetitionService competitions, TeamWebhookService webhooks)
    {
        var (teamId, refusal) = await TeamAsync(slug, http, competitions);
        if (refusal is not null)
        {
            return refusal;
        }

        return await webhooks.SetUrlAsync(teamId, null, http.RequestAborted) is { } error
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, error)
            : TypedResults.NoContent();
    }

    private static async Task<IResult> TestAsync(string slug, HttpContext http, CompetitionService competitions, TeamWebhookService webhooks)
    {
        var (teamId, refusal) = await TeamAsync(slug, http, competitions);
        if (refusal is not null)
        {
            return refusal;
        }

        return await webhooks.SendTestAsync(teamId, http.RequestAborted) is { } error
            ? ApiProblems.Problem(StatusCodes.Status409Conflict, error)
            : TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> ViewAsync(int teamId, TeamWebhookService webhooks, CancellationToken cancellationToken) =>
        await webhooks.RecentAsync(teamId, cancellationToken) is { } recent
            ? TypedResults.Ok(new ApiWebhook(recent.Url, recent.Deliveries.Select(ApiWebhookDelivery.From).ToList()))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "This team no longer exists.");

    /// <summary>The token's team in the competition <paramref name="slug"/>, or the refusal: 404 for no such competition, 403 for a token of another one.</summary>
    private static async Task<(int TeamId, IResult? Refusal)> TeamAsync(string slug, HttpContext http, CompetitionService competitions)
    {
        var viewer = Viewer.From(http.User);
        var competition = await competitions.FindAsync(slug, viewer, http.RequestAborted);
        if (competition is null)
        {
            return (0, ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no competition '{slug}', or it is not open to you."));
        }

        if (TeamTokenAuthenticationHandler.TeamIn(http.User, competition.Id) is not int teamId)
        {
            return (0, ApiProblems.Problem(StatusCodes.Status403Forbidden, TeamTokenAuthenticationHandler.OtherCompetition));
        }

        return (teamId, null);
    }

    /// <summary>A 400 about the body's <c>url</c>: the sentence, and the field it is about (<c>field</c>) for scripts.</summary>
    private static ProblemHttpResult FieldProblem(string detail) =>
        TypedResults.Problem(title: "The webhook address was refused", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = UrlField });
}
