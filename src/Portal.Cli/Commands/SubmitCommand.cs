using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Portal.Cli.Output;
using Portal.Cli.Remote;
using Portal.Cli.Remote.Json;
using Portal.Inference.Onnx;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal submit FILE... -c SLUG [-m MESSAGE] [--validation-f1 X] [--fold-f1 a,b,...] [--tfevents DIR] [--wait] [--json]</c>
/// and a model's preprocessing options: uploads a CSV or ONNX model(s) through the portal's API, then optionally the
/// training run, then optionally waits for the score.
/// </summary>
internal static class SubmitCommand
{
    /// <summary>How often a long wait says it is still waiting.</summary>
    private static readonly TimeSpan StillWaitingEvery = TimeSpan.FromSeconds(30);

    public static Command Create(CliEnvironment environment)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "A labels or probabilities CSV; or one or more .onnx models (several are soft-voted into one submission).",
            Arity = ArgumentArity.OneOrMore,
        };
        var competition = RemoteOptions.Competition();
        var message = new Option<string>("--message", "-m") { Description = "The submission's description, as the Submissions page shows it.", HelpName = "MESSAGE" };
        var validationF1 = new Option<double?>("--validation-f1") { Description = "Your own validation macro F1, between 0 and 1: the Submissions page sets it against the public score.", HelpName = "X" };
        var foldF1 = new Option<string>("--fold-f1") { Description = "Your per-fold validation macro F1 values, between 0 and 1, separated by commas.", HelpName = "a,b,..." };
        var tfevents = new Option<string>("--tfevents")
        {
            Description = "A training-run folder (events.out.tfevents.* files, a folder per fold; CSV/JSON histories, config.yaml, commit.txt) to store with the submission.",
            HelpName = "DIR",
        };
        var wait = new Option<bool>("--wait") { Description = "Wait until the submission is scored, failed or cancelled (progress on stderr), then print its public score." };
        var json = new Option<bool>("--json") { Description = "Write the submission as the portal's API gives it (GET /api/v1/submissions/ID)." };
        var model = new ModelFormOptions();
        var remote = new RemoteOptions();
        var command = new Command("submit", "Submit a CSV or an ONNX model to a competition on a portal; exit 0 when accepted (with --wait: scored), 2 when refused or failed.")
        {
            files, competition, message, validationF1, foldF1, tfevents, wait, json,
        };
        model.AddTo(command);
        remote.AddTo(command);
        command.SetAction(CommandRunner.AsyncAction(async (parse, stdout, stderr, cancellationToken) =>
        {
            var paths = parse.GetRequiredValue(files);
            var isModel = CheckFiles(paths);
            var fields = new List<(string Name, string Value)>();
            if (parse.GetValue(message) is { Length: > 0 } description)
            {
                fields.Add(("description", description));
            }

            fields.AddRange(ValidationFields(parse.GetValue(validationF1), parse.GetValue(foldF1)));
            if (!isModel && model.Given(parse) is { Count: > 0 } given)
            {
                throw new CliException($"{string.Join(", ", given)} appl{(given.Count == 1 ? "ies" : "y")} to ONNX models only; {Path.GetFileName(paths[0])} is a CSV.");
            }

            fields.AddRange(model.Fields(parse, paths.Length));
            var runFolder = parse.GetValue(tfevents);
            var runFiles = runFolder is null ? null : RunFolder.Files(runFolder);
            var slug = parse.GetRequiredValue(competition);

            using var client = remote.Connect(parse, environment);
            var accepted = await UploadAsync(client, slug, paths, isModel, fields, stderr, cancellationToken);
            var code = ExitCodes.Success;
            if (runFiles is not null && !await UploadRunAsync(client, accepted.Id, runFolder!, runFiles, stderr, cancellationToken))
            {
                code = ExitCodes.InvalidInput;
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/submissions/{accepted.Id}");
            RemoteSubmission? final = null;
            string? body = null;
            if (parse.GetValue(wait))
            {
                (final, body) = await WaitAsync(client, accepted.Id, slug, environment, stderr, cancellationToken);
            }
            else if (parse.GetValue(json))
            {
                (final, body) = await client.GetJsonAsync(path, RemoteJsonContext.Default.RemoteSubmission, Gone(accepted.Id), cancellationToken);
            }

            if (final is { Status: "failed" or "cancelled" })
            {
                code = ExitCodes.InvalidInput;
            }

            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(body);
            }
            else if (final is not null)
            {
                // A failure is a problem (stderr); a score is the result (stdout), even when the run beside it was refused.
                await (final.Status == "scored" ? stdout : stderr).WriteLineAsync(RemoteText.Outcome(final));
            }
            else if (accepted.Status == "scored" && accepted.PublicScore is { } score)
            {
                await stdout.WriteLineAsync($"Submission {RemoteText.Id(accepted.Id)} is scored: public macro F1 {Format.Score(score)}.");
            }
            else
            {
                await stdout.WriteLineAsync($"Submission {RemoteText.Id(accepted.Id)} is {accepted.Status}: it runs on the portal. " +
                    $"Add --wait to wait for its score, or see it with: portal submissions -c {slug}");
            }

            return code;
        }));
        return command;
    }

    /// <summary>Whether the files are models (.onnx, all of them) rather than one CSV; missing files and mixtures are refused before anything is sent.</summary>
    private static bool CheckFiles(string[] paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new CliException(Directory.Exists(path)
                    ? $"{path} is a folder; submit a CSV file or .onnx model files."
                    : $"The file {path} does not exist.");
            }
        }

        var models = paths.Count(p => p.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase));
        if (models == paths.Length)
        {
            return true;
        }

        if (models > 0)
        {
            if (paths.FirstOrDefault(p => ModelCheck.IsExternalDataFile(p)) is { } weights)
            {
                throw new CliException(ModelCheck.NotAModelFile(Path.GetFileName(weights)));
            }

            throw new CliException("Submit either one CSV or .onnx models, not both at once.");
        }

        return paths.Length == 1
            ? false
            : throw new CliException("Submit one CSV at a time (several files make one submission only when they are .onnx models).");
    }

    /// <summary>The API's validation fields, checked here so that a wrong value is named by its option.</summary>
    private static IEnumerable<(string, string)> ValidationFields(double? f1, string? folds)
    {
        if (f1 is { } value)
        {
            if (!double.IsFinite(value) || value is < 0 or > 1)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--validation-f1 must be a macro F1 between 0 and 1, such as 0.83; got {value}."));
            }

            yield return ("validationF1", value.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(folds))
        {
            foreach (var part in folds.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var fold) || !double.IsFinite(fold) || fold is < 0 or > 1)
                {
                    throw new CliException($"--fold-f1 must be numbers between 0 and 1 separated by commas, such as 0.81,0.83,0.80; '{part}' is not one.");
                }
            }

            yield return ("validationFolds", folds.Trim());
        }
    }

    private static async Task<RemoteAccepted> UploadAsync(PortalClient client, string slug, string[] paths, bool isModel,
        List<(string Name, string Value)> fields, TextWriter stderr, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        foreach (var path in paths)
        {
            var content = new StreamContent(File.OpenRead(path));
            content.Headers.ContentType = new MediaTypeHeaderValue(isModel ? "application/octet-stream" : "text/csv");
            form.Add(content, "file", Path.GetFileName(path));
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (isModel)
        {
            var bytes = paths.Sum(p => new FileInfo(p).Length);
            await stderr.WriteLineAsync($"Sending {paths.Length} model file{(paths.Length == 1 ? "" : "s")} ({Format.Count(bytes)} bytes); the portal checks them on arrival...");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/competitions/{RemoteOptions.Segment(slug)}/submissions") { Content = form };
        using var response = await client.SendAsync(request, cancellationToken);
        await client.EnsureSuccessAsync(response, SubmissionsCommand.NoCompetition(slug), cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return client.Read(json, RemoteJsonContext.Default.RemoteAccepted, request.RequestUri!.ToString());
    }

    /// <summary>Stores the run folder with the accepted submission; a refusal is said on stderr (the submission stands) and returns false.</summary>
    private static async Task<bool> UploadRunAsync(PortalClient client, int id, string folder, IReadOnlyList<string> files, TextWriter stderr, CancellationToken cancellationToken)
    {
        var number = RemoteText.Id(id);
        try
        {
            var zip = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            var form = new MultipartFormDataContent();
            var content = new StreamContent(zip);
            form.Add(content, "file", "run.zip");
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            RunFolder.Pack(folder, files, zip);
            var request = new HttpRequestMessage(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"api/v1/submissions/{id}/training-run")) { Content = form };
            using var response = await client.SendAsync(request, cancellationToken);
            await client.EnsureSuccessAsync(response, $"Submission {number} was not found for its training run.", cancellationToken);
            var run = client.Read(await response.Content.ReadAsStringAsync(cancellationToken), RemoteJsonContext.Default.RemoteTrainingRun, "training-run");
            var series = run.Series ?? [];
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stored the training run with submission {number}: {series.Count} curves in {series.Select(s => s.Run).Distinct().Count()} runs from {run.Files} files."));
            return true;
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync($"The training run was NOT stored (submission {number} itself was accepted; add the run on the Submissions page):");
            foreach (var line in e.Lines)
            {
                await stderr.WriteLineAsync("  " + line);
            }

            return false;
        }
    }

    /// <summary>
    /// Polls the submission until it is scored, failed or cancelled: each change of status (and every half minute of the
    /// same one) on stderr; the pause grows by half each time, up to <see cref="CliEnvironment.MaxPollDelay"/>. A portal
    /// lost for a moment is asked again (three times in a row at most).
    /// </summary>
    private static async Task<(RemoteSubmission, string)> WaitAsync(PortalClient client, int id, string slug, CliEnvironment environment, TextWriter stderr, CancellationToken cancellationToken)
    {
        var number = RemoteText.Id(id);
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/submissions/{id}");
        var delay = environment.FirstPollDelay;
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        string? last = null;
        var lost = 0;
        try
        {
            while (true)
            {
                try
                {
                    var (submission, body) = await client.GetJsonAsync(path, RemoteJsonContext.Default.RemoteSubmission, Gone(id), cancellationToken);
                    lost = 0;
                    if (submission.Status is "scored" or "failed" or "cancelled")
                    {
                        return (submission, body);
                    }

                    if (submission.Status != last || clock.Elapsed - reported >= StillWaitingEvery)
                    {
                        await stderr.WriteLineAsync(submission.Status == last
                            ? $"Submission {number} is still {submission.Status} ({RetryAfterText.Duration(clock.Elapsed)})..."
                            : $"Submission {number} is {submission.Status}...");
                        (last, reported) = (submission.Status, clock.Elapsed);
                    }
                }
                catch (CliException e) when (e.ExitCode == ExitCodes.ServiceError && ++lost <= 3)
                {
                    await stderr.WriteLineAsync($"{e.Lines[0]} Asking again...");
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), environment.MaxPollDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"Stopped waiting; submission {number} goes on on the portal (portal submissions -c {slug} shows it).");
            throw;
        }
    }

    private static string Gone(int id) => $"Submission {RemoteText.Id(id)} is no longer on the portal.";
}
