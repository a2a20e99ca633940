using System.CommandLine;
using System.Globalization;
using Portal.Cli.Output;
using Portal.Cli.Remote;

namespace Portal.Cli.Commands;

/// <summary><c>portal download ID [--out FILE]</c>: the file a submission of the team's was made from.</summary>
internal static class DownloadCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var id = new Argument<int>("ID") { Description = "The submission's number (portal submissions lists them)." };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the file (replaced if it exists). Default: the file's own name in the current folder, never replacing one.",
            HelpName = "FILE",
        };
        var remote = new RemoteOptions();
        var command = new Command("download", "Download the file one of your team's submissions was made from (a CSV; a model's .onnx; a zip of several models).")
        {
            id, output,
        };
        remote.AddTo(command);
        command.SetAction(CommandRunner.AsyncAction(async (parse, stdout, _, cancellationToken) =>
        {
            var submission = parse.GetRequiredValue(id);
            var number = RemoteText.Id(submission);
            using var client = remote.Connect(parse, environment);
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/submissions/{submission}/file")), cancellationToken);
            await client.EnsureSuccessAsync(response, $"There is no submission {number} of your team's on this portal (a team downloads only its own files).", cancellationToken);
            var path = parse.GetValue(output) is { Length: > 0 } chosen ? chosen : DefaultPath(response, submission);
            var length = await WriteAsync(response, path, cancellationToken);
            await stdout.WriteLineAsync($"Saved the file of submission {number} to {path} ({Format.Count(length)} bytes).");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The server's file name, kept to its last part (never a path the server chose), in the current folder; a file already there is not replaced.</summary>
    private static string DefaultPath(HttpResponseMessage response, int submission)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        var name = Path.GetFileName((disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"') ?? "");
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            name = string.Create(CultureInfo.InvariantCulture, $"submission-{submission}");
        }

        return File.Exists(name)
            ? throw new CliException($"{Path.GetFullPath(name)} already exists; pass --out FILE to choose where the file goes (it then replaces FILE).")
            : name;
    }

    /// <summary>Writes the body to a temporary file beside <paramref name="path"/> and moves it there once complete, so a broken download leaves nothing.</summary>
    private static async Task<long> WriteAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new CliException($"The folder {folder} does not exist; make it first or choose another --out.");
        }

        var partial = full + ".part";
        try
        {
            long length;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await response.Content.CopyToAsync(file, cancellationToken);
                length = file.Length;
            }

            File.Move(partial, full, overwrite: true);
            return length;
        }
        catch (HttpRequestException)
        {
            throw new CliException(["The download broke off before the whole file arrived; nothing was written. Try again."], ExitCodes.ServiceError);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
