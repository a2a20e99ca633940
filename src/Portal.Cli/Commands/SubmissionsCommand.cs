using System.CommandLine;
using Portal.Cli.Output;
using Portal.Cli.Remote;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Commands;

/// <summary><c>portal submissions -c SLUG [--json]</c>: the team's own submissions, newest first.</summary>
internal static class SubmissionsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var competition = RemoteOptions.Competition();
        var json = new Option<bool>("--json") { Description = "Write the list as the portal's API gives it (GET /api/v1/competitions/SLUG/submissions)." };
        var remote = new RemoteOptions();
        var command = new Command("submissions", "Your team's submissions in a competition, newest first: status, public (and, after the close, private) macro F1, final picks.")
        {
            competition, json,
        };
        remote.AddTo(command);
        command.SetAction(CommandRunner.AsyncAction(async (parse, stdout, _, cancellationToken) =>
        {
            var slug = parse.GetRequiredValue(competition);
            using var client = remote.Connect(parse, environment);
            var (list, body) = await client.GetJsonAsync($"api/v1/competitions/{RemoteOptions.Segment(slug)}/submissions",
                RemoteJsonContext.Default.ListRemoteSubmission, NoCompetition(slug), cancellationToken);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(body);
            }
            else
            {
                RemoteText.WriteSubmissions(stdout, slug, list);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>What a 404 on a competition's address means.</summary>
    public static string NoCompetition(string slug) =>
        $"There is no competition '{slug}' on this portal that you can see; its short name is the part after /c/ in its address.";
}
