using System.CommandLine;
using Portal.Cli.Output;
using Portal.Cli.Remote;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Commands;

/// <summary><c>portal leaderboard -c SLUG [--board public|private] [--json]</c>: one row per team, best first.</summary>
internal static class LeaderboardCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var competition = RemoteOptions.Competition();
        var board = new Option<string>("--board") { Description = "public, or private once the competition is closed.", DefaultValueFactory = _ => "public" };
        board.AcceptOnlyFromAmong("public", "private");
        var json = new Option<bool>("--json") { Description = "Write the board as the portal's API gives it (GET /api/v1/competitions/SLUG/leaderboard)." };
        var remote = new RemoteOptions();
        var command = new Command("leaderboard", "A competition's leaderboard: each team's best macro F1, rank, entries; host baselines shown, not ranked. No token needed.")
        {
            competition, board, json,
        };
        remote.AddTo(command);
        command.SetAction(CommandRunner.AsyncAction(async (parse, stdout, _, cancellationToken) =>
        {
            var slug = parse.GetRequiredValue(competition);
            using var client = remote.Connect(parse, environment, needsToken: false);
            var (value, body) = await client.GetJsonAsync($"api/v1/competitions/{RemoteOptions.Segment(slug)}/leaderboard?board={parse.GetValue(board)}",
                RemoteJsonContext.Default.RemoteLeaderboard, SubmissionsCommand.NoCompetition(slug), cancellationToken);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(body);
            }
            else
            {
                RemoteText.WriteLeaderboard(stdout, slug, value);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
