using System.Text.Json.Serialization;
using Portal.Core.Submissions;
using Portal.Data.Entities;

namespace Portal.Web.Api;

/// <summary>A competition in the API.</summary>
public sealed record ApiCompetition(string Slug, string Title, string State, DateTime StartsAtUtc, DateTime EndsAtUtc, int Teams, int Images, int Classes)
{
    public static ApiCompetition From(Portal.Application.Competitions.CompetitionSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Slug, c.Title, ApiState.Name(c.State), c.StartsAtUtc, c.EndsAtUtc, c.Teams, c.ImageCount, c.ClassCount);
    }
}

/// <summary>A team for a host to make (<c>POST /api/v1/competitions/{slug}/teams</c>).</summary>
public sealed record ApiNewTeam(string? Name);

/// <summary>A team a host made: its invite code (students join with it) and its API token, shown this once.</summary>
public sealed record ApiCreatedTeam(int Id, string Name, string InviteCode, string Token);

/// <summary>A team's new API token, shown this once; the old one no longer works.</summary>
public sealed record ApiTeamToken(int TeamId, string Token);

/// <summary>A team as the host API lists it; <paramref name="DailyLimit"/> is the one in force, <paramref name="DailyLimitOverride"/> the host's own for the team.</summary>
public sealed record ApiTeam(int Id, string Name, bool Baseline, int Members, int Submissions, double? BestPublicScore, string InviteCode, int DailyLimit, int? DailyLimitOverride)
{
    public static ApiTeam From(Portal.Application.Admin.AdminTeamRow t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Name, t.IsBaseline, t.Members, t.Submissions, t.BestPublic, t.InviteCode, t.DailyLimit, t.DailyLimitOverride);
    }
}

/// <summary>A file staged by the browser ahead of its form: the id the form names it by.</summary>
public sealed record ApiStagedUpload(string Id, string FileName, long Length);

/// <summary>A hidden set imported: how many images it holds.</summary>
public sealed record ApiHiddenSetImported(int Images);

/// <summary>A rescore queued: how many submissions will be scored again.</summary>
public sealed record ApiRescoreQueued(int Queued);

/// <summary>A board line in the API.</summary>
public sealed record ApiLeaderboardRow(int? Rank, string Team, double Score, int Entries, DateTime SubmittedAtUtc, bool Baseline, int? RankChange);

/// <summary>A board in the API.</summary>
public sealed record ApiLeaderboard(string Board, IReadOnlyList<ApiLeaderboardRow> Rows);

/// <summary>A board row's macro F1 with its 95% paired-bootstrap interval and its tier (1 = top band).</summary>
public sealed record ApiBoardIntervalRow(int? Rank, string Team, double MacroF1, double Lower, double Upper, int Tier, bool Baseline);

/// <summary>A board's intervals and tiers in the API, with the resampling that made them and the tier rule.</summary>
public sealed record ApiBoardIntervals(string Board, int Resamples, ulong Seed, string Rule, IReadOnlyList<ApiBoardIntervalRow> Rows);

/// <summary>One ranked team's shake-up forecast: the plausible private rank range; after close, the real private rank and move.</summary>
public sealed record ApiForecastRow(int PublicRank, string Team, int Lower, int Median, int Upper, int? PrivateRank, int? Move, bool? WithinForecast);

/// <summary>The public board's shake-up forecast, with the splits that made it; after close, how the real moves compared.</summary>
public sealed record ApiForecast(int Splits, ulong Seed, double Coverage, string Method, double? WithinShare, double? KendallTau, IReadOnlyList<ApiForecastRow> Rows);

/// <summary>One suspected label error of the label audit.</summary>
public sealed record ApiLabelSuspect(string ImageId, string Truth, string Consensus, int Votes, double Agreement, double? MeanConfidence, IReadOnlyList<string> Differing);

/// <summary>The label audit: suspects strongest consensus first, how many submissions voted on how many images.</summary>
public sealed record ApiLabelAudit(int Voters, int Images, string Method, IReadOnlyList<ApiLabelSuspect> Suspects);

/// <summary>
/// What an accepted submission returns: 201 with status "scored" and its public macro F1 for a CSV (scored in the
/// request), 202 with status "queued" for a model or an ensemble (follow <paramref name="StatusUrl"/>);
/// <paramref name="TrainingRun"/> says what became of the training run sent with it (<c>run</c> parts), null when none was sent.
/// </summary>
public sealed record ApiSubmissionAccepted(int Id, string Status, string StatusUrl, double? PublicScore, ApiRunAttachment? TrainingRun = null);

/// <summary>A submission's state and the scores the caller may see, with the team's own validation numbers sent with it (null and empty when none).</summary>
public sealed record ApiSubmission(int Id, string Team, string Kind, string Description, string Status, string? Error, DateTime CreatedAtUtc, double? PublicScore, double? PrivateScore, bool IsFinal,
    double? ValidationF1 = null, IReadOnlyList<double>? ValidationFolds = null)
{
    public static ApiSubmission From(Portal.Application.Submissions.SubmissionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.TeamName, ApiState.Name(view.Kind), view.Description, ApiState.Name(view.Status), view.Error, view.CreatedAtUtc,
            view.PublicScore, view.PrivateScore, view.IsFinal, view.ValidationF1, view.ValidationFolds);
    }
}

/// <summary>
/// One problem of a refused file: its line (1 = the header) and column where it is about one, the code, the sentence.
/// A problem about the whole file (empty, too large, a model that does not fit) has no line: the member is left out,
/// never written as 0. <paramref name="File"/> names the file the line is in where the upload held several (a hidden
/// set's info.csv beside its images); left out otherwise.
/// </summary>
public sealed record ApiProblem(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line,
    string? Column,
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File = null)
{
    public static ApiProblem From(SubmissionProblem problem, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Line, problem.Column, problem.Code.ToString(), problem.Message, problem.Line is null ? null : file);
    }
}

/// <summary>
/// Why an upload or an ensemble was refused: an RFC 9457 problem (<c>application/problem+json</c>: <c>type</c>,
/// <c>title</c>, <c>status</c>, <c>detail</c>) that also lists the file's problems (<c>problems</c>, up to a cap) and how
/// many there are in all (<c>totalProblems</c>).
/// </summary>
public sealed record ApiRefusal(string Type, string Title, int Status, string Detail, IReadOnlyList<ApiProblem> Problems, int TotalProblems)
{
    /// <summary>A refusal with <paramref name="status"/> and the problem type the API uses for it (see <see cref="ApiProblems.TypeOf"/>).</summary>
    public static ApiRefusal Create(int status, string title, string detail, IReadOnlyList<ApiProblem>? problems = null, int totalProblems = 0) =>
        new(ApiProblems.TypeOf(status), title, status, detail, problems ?? [], totalProblems);

    /// <summary>The answer: this body as <c>application/problem+json</c> with its status.</summary>
    public IResult ToResult() => TypedResults.Json(this, statusCode: Status, contentType: ApiProblems.ContentType);
}

/// <summary>Enum values as the API writes them: lower case everywhere ("scored", "labels-csv").</summary>
internal static class ApiState
{
    public static string Name(CompetitionState state) => state.ToString().ToLowerInvariant();

    public static string Name(SubmissionStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(SubmissionKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
