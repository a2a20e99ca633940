using System.Globalization;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Output;

/// <summary>The text output of the participant commands: a submission's outcome, the team's submissions, a board.</summary>
internal static class RemoteText
{
    /// <summary>One line on a submission where it stands: scored with its public score, failed with why, or still waiting.</summary>
    public static string Outcome(RemoteSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var id = Id(submission.Id);
        return submission.Status switch
        {
            "scored" when submission.PublicScore is { } score => $"Submission {id} is scored: public macro F1 {Format.Score(score)}"
                + (submission.PrivateScore is { } p ? $", private {Format.Score(p)}." : "."),
            "scored" => $"Submission {id} is scored.",
            "failed" => $"Submission {id} failed: {submission.Error ?? "the portal gave no reason."}",
            "cancelled" => $"Submission {id} was cancelled.",
            var status => $"Submission {id} is {status}.",
        };
    }

    /// <summary>The team's submissions, newest first as the portal lists them.</summary>
    public static void WriteSubmissions(TextWriter writer, string slug, IReadOnlyList<RemoteSubmission> submissions)
    {
        if (submissions.Count == 0)
        {
            writer.WriteLine($"Your team has no submissions in {slug} yet.");
            return;
        }

        // A host's token lists every team's: then each row names its team.
        var teams = submissions.Select(s => s.Team).Distinct(StringComparer.Ordinal).Count();
        var whose = teams == 1 ? $" of {submissions[0].Team}" : string.Create(CultureInfo.InvariantCulture, $" of {teams} teams");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{submissions.Count} submission{(submissions.Count == 1 ? "" : "s")}{whose} in {slug}, newest first:"));
        var table = teams == 1
            ? new TextTable(">#", "Created (UTC)", "Kind", "Status", ">Public", ">Private", "Final", "Description")
            : new TextTable(">#", "Team", "Created (UTC)", "Kind", "Status", ">Public", ">Private", "Final", "Description");
        foreach (var s in submissions)
        {
            string[] team = teams == 1 ? [] : [Cut(s.Team, 30)];
            table.AddRow(
                [Format.Plain(s.Id),
                ..team,
                Time(s.CreatedAtUtc),
                s.Kind,
                s.Status,
                s.PublicScore is { } pub ? Format.Score(pub) : "-",
                s.PrivateScore is { } priv ? Format.Score(priv) : "-",
                s.IsFinal ? "yes" : "",
                Cut(s.Status == "failed" && s.Error is { } error ? error : s.Description ?? "", 60)]);
        }

        table.Write(writer);
    }

    /// <summary>A board: ranked rows by score; a host baseline shown without a rank; on the private board each team's move.</summary>
    public static void WriteLeaderboard(TextWriter writer, string slug, RemoteLeaderboard board)
    {
        var name = board.Board == "private" ? "Private" : "Public";
        if (board.Rows.Count == 0)
        {
            writer.WriteLine($"{name} leaderboard of {slug}: no scored submissions yet.");
            return;
        }

        writer.WriteLine($"{name} leaderboard of {slug} (macro F1):");
        var withMoves = board.Rows.Any(r => r.RankChange is not null);
        var headers = new List<string> { ">Rank", "Team", ">Score", ">Entries", "Last (UTC)" };
        if (withMoves)
        {
            headers.Add(">Move");
        }

        var table = new TextTable([.. headers]);
        foreach (var row in board.Rows)
        {
            var cells = new List<string>
            {
                row.Rank is { } rank ? Format.Plain(rank) : "-",
                row.Baseline ? $"{row.Team} (baseline, not ranked)" : row.Team,
                Format.Score(row.Score),
                Format.Plain(row.Entries),
                Time(row.SubmittedAtUtc),
            };
            if (withMoves)
            {
                cells.Add(row.RankChange is { } move ? move.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "");
            }

            table.AddRow([.. cells]);
        }

        table.Write(writer);
    }

    public static string Id(int id) => string.Create(CultureInfo.InvariantCulture, $"#{id}");

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Cut(string text, int most)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= most ? line : string.Concat(line.AsSpan(0, most - 3), "...");
    }
}
