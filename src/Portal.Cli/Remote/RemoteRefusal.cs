using System.Globalization;
using System.Net;
using System.Text.Json;
using Portal.Cli.Commands;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Remote;

/// <summary>
/// Turns an answer that is not a success into the sentences a participant reads: the server's title and detail, each
/// listed problem with its line, the <c>Retry-After</c> of a 429 in words. A body that is not JSON (a proxy's HTML page)
/// is never shown; its status is. The exit code is <see cref="ExitCodes.ServiceError"/> for 401, 403 and 5xx, else
/// <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
internal static class RemoteRefusal
{
    /// <summary>The most bytes of an error body read: the problems of a refused file are capped by the server well below this.</summary>
    private const int MaxBodyChars = 256 * 1024;

    /// <param name="response">The answer, not a success.</param>
    /// <param name="notFound">What a 404 means here, in a sentence (no such competition, not your submission).</param>
    /// <param name="settings">Where the token came from, for a 401.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<CliException> ReadAsync(HttpResponseMessage response, string notFound, PortalSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(settings);
        var problem = await ReadProblemAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var lines = new List<string>();
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                lines.Add(notFound);
                return new CliException(lines);
            case HttpStatusCode.Unauthorized:
                lines.Add($"The portal refused the API token: {problem?.Detail ?? "it is not valid."}");
                lines.Add(settings.TokenSource is { } source
                    ? $"The token came from {source}; copy the current one from the Team page (rotating it there replaces the old one)."
                    : "Set PORTAL_TOKEN to your team's API token (the Team page shows it).");
                return new CliException(lines, ExitCodes.ServiceError);
            case HttpStatusCode.Forbidden:
                lines.Add($"The portal refused the request: {problem?.Detail ?? "your token may not do this."}");
                return new CliException(lines, ExitCodes.ServiceError);
        }

        // A title that only names the status ("Bad Request") adds nothing to the detail's sentence.
        problem = problem is null ? null : problem with
        {
            Title = IsStatusName(problem.Title, response) && !string.IsNullOrEmpty(problem.Detail) ? null : problem.Title,
        };
        if (problem is not null && (problem.Title is not null || !string.IsNullOrEmpty(problem.Detail)))
        {
            lines.Add(Heading(problem));
            foreach (var line in problem.Problems ?? [])
            {
                var where = line.Line is int number and > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {number}") : "file";
                lines.Add($"  {where}: {line.Message}");
            }

            if (problem.TotalProblems is int total && total > (problem.Problems?.Count ?? 0))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ... and {total - (problem.Problems?.Count ?? 0)} more problems."));
            }

            foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
            {
                lines.AddRange(messages.Select(m => $"  {field}: {m}"));
            }
        }
        else if (status >= 500)
        {
            // Nothing to say but the status (a proxy's HTML page is never shown).
            return new CliException([string.Create(CultureInfo.InvariantCulture, $"The portal failed on its side ({status} {response.ReasonPhrase}); try again later.")], ExitCodes.ServiceError);
        }
        else
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"The portal answered {status} {response.ReasonPhrase}."));
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfterText.Describe(response.Headers.RetryAfter, DateTimeOffset.UtcNow) is { } retry)
        {
            lines.Add(retry);
        }

        if (status >= 500)
        {
            lines[0] = string.Create(CultureInfo.InvariantCulture, $"The portal failed on its side ({status}): ") + lines[0];
            return new CliException(lines, ExitCodes.ServiceError);
        }

        return new CliException(lines);
    }

    /// <summary>"Title: detail", or whichever of the two there is; a detail that already says it all stands alone.</summary>
    private static string Heading(RemoteProblem problem) =>
        (problem.Title, problem.Detail) switch
        {
            ({ } title, { Length: > 0 } detail) => $"{title.TrimEnd('.')}: {detail}",
            ({ } title, _) => title.EndsWith('.') ? title : title + ".",
            (_, { } detail) => detail,
            _ => "",
        };

    /// <summary>Whether <paramref name="title"/> only names the status ("Bad Request", "Too Many Requests"): then the detail says more alone.</summary>
    private static bool IsStatusName(string? title, HttpResponseMessage response) =>
        title is not null && (string.Equals(title, response.ReasonPhrase, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(title.Replace(" ", "", StringComparison.Ordinal), response.StatusCode.ToString(), StringComparison.OrdinalIgnoreCase));

    private static async Task<RemoteProblem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length > MaxBodyChars ? null : JsonSerializer.Deserialize(body, RemoteJsonContext.Default.RemoteProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
