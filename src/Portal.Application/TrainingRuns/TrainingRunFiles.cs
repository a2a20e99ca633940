using System.Globalization;
using System.IO.Compression;
using Portal.Core.Submissions;
using Portal.TrainingRuns;
using Portal.TrainingRuns.Settings;

namespace Portal.Application.TrainingRuns;

/// <summary>
/// Reads an upload of a training run (files, or a zip of the run folder) into series and settings with the
/// training-run readers, under <see cref="TrainingRunOptions"/>. Files are told apart by name
/// (<see cref="RoleOf"/>); the run of a curve is its folder in the upload ("." at the top; a history at the top is
/// the run named by its file name), a zip's single top folder left out. Every refusal is a
/// <see cref="RunFileRejectedException"/> naming the file and, where known, the record or line.
/// </summary>
internal static class TrainingRunFiles
{
    private static readonly string[] ConfigNames = ["config", "configs", "settings", "hparams", "params", "args", "cfg", "hyperparameters"];
    private static readonly string[] CommitNames = ["commit", "git_commit", "git-commit", "gitcommit", "git", "head", "revision"];

    /// <summary>
    /// The role of a file by its name: TensorBoard event files and .csv histories are curves; .yaml/.yml configs, and
    /// .json files named config, settings, hparams, params, args, cfg or hyperparameters are configs; .json files whose
    /// name holds "optuna" or "best_params" are Optuna's; commit.txt, git_commit.txt (or without .txt) a git commit;
    /// other .json/.jsonl/.ndjson files histories; anything else <see cref="TrainingRunFileRole.Other"/>.
    /// </summary>
    public static TrainingRunFileRole RoleOf(string fileName)
    {
        var name = LeafOf(fileName);
        var stem = Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (TrainingRunReader.KindOf(name) == RunFileKind.TensorBoardEvents || extension == ".csv")
        {
            return TrainingRunFileRole.Curves;
        }

        if (extension is ".yaml" or ".yml")
        {
            return TrainingRunFileRole.Config;
        }

        if (extension is "" or ".txt" && CommitNames.Contains(stem))
        {
            return TrainingRunFileRole.GitCommit;
        }

        if (extension == ".json")
        {
            if (stem.Contains("optuna", StringComparison.Ordinal) || stem.Contains("best_params", StringComparison.Ordinal))
            {
                return TrainingRunFileRole.Optuna;
            }

            if (ConfigNames.Contains(stem))
            {
                return TrainingRunFileRole.Config;
            }
        }

        return TrainingRunReader.KindOf(name) == RunFileKind.JsonHistory ? TrainingRunFileRole.Curves : TrainingRunFileRole.Other;
    }

    /// <summary>Reads <paramref name="uploads"/> (and <paramref name="commitField"/>, a commit typed in a form) into a run.</summary>
    public static ParsedTrainingRun Read(IReadOnlyList<TrainingRunUpload> uploads, string? commitField, TrainingRunOptions options)
    {
        var limits = new TrainingRunReadOptions { MaxFileBytes = options.MaxFileBytes, MaxFiles = options.MaxFiles };
        var entries = new List<Entry>();
        var zips = new List<ZipArchive>();
        try
        {
            long total = 0;
            foreach (var upload in uploads)
            {
                var name = Clean(upload.FileName);
                if (upload.Length is not { } length)
                {
                    throw TooLarge(name, $"the file is larger than {ByteSize.Format(options.MaxFileBytes)}, the limit of one file.");
                }

                total += length;
                if (total > options.MaxUploadBytes)
                {
                    throw TooLarge(name, $"the upload is larger than {ByteSize.Format(options.MaxUploadBytes)}, the limit of one training run.");
                }

                if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    entries.AddRange(Unzip(upload, name, options, zips));
                    continue;
                }

                if (length > options.MaxFileBytes)
                {
                    throw TooLarge(name, $"the file is {ByteSize.Format(length)}; one file of a run may be at most {ByteSize.Format(options.MaxFileBytes)}.");
                }

                var role = RoleOf(name);
                if (role == TrainingRunFileRole.Other)
                {
                    throw new RunFileRejectedException(RunFileProblem.UnsupportedFile, name,
                        "this is neither a TensorBoard event file, a CSV or JSON history, a config (.yaml, config.json), Optuna's best parameters (optuna*.json) nor a git commit (commit.txt); send the run folder as a .zip to have other files skipped.");
                }

                entries.Add(new Entry(name, role, upload.Open));
            }

            if (entries.Count > options.MaxFiles)
            {
                throw TooLarge(entries[options.MaxFiles].Name, $"a run may hold at most {options.MaxFiles} files.");
            }

            return Parse(entries, commitField, limits, options);
        }
        finally
        {
            foreach (var zip in zips)
            {
                zip.Dispose();
            }
        }
    }

    private static ParsedTrainingRun Parse(List<Entry> entries, string? commitField, TrainingRunReadOptions limits, TrainingRunOptions options)
    {
        var curves = entries.Where(e => e.Role == TrainingRunFileRole.Curves).ToList();
        if (curves.Count == 0)
        {
            throw new RunFileRejectedException(RunFileProblem.NoEventFiles, entries.Count == 0 ? "the upload" : entries[0].Name,
                "a training run needs its curves: TensorBoard event files (events.out.tfevents.*) or a CSV / JSON history.");
        }

        var files = curves
            .Select(e => new RunFile(RunOf(e.Name), e.Name, TrainingRunReader.KindOf(LeafOf(e.Name)), e.Open))
            .OrderBy(f => f.Run, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal)
            .ToList();
        var set = TrainingRunReader.ReadFiles(files, limits);
        long points = set.Series.Sum(s => (long)s.Count);
        if (points > options.MaxPoints)
        {
            throw TooLarge(files[0].FileName, string.Create(CultureInfo.InvariantCulture,
                $"the run holds {points:N0} points; a run may hold at most {options.MaxPoints:N0} (log less often)."));
        }

        var series = set.Series.Select(s => new TrainingRunSeries(s.Run, s.Tag, s.Steps.ToArray(), s.Values.ToArray())).ToList();
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var configs = entries.Where(e => e.Role == TrainingRunFileRole.Config).ToList();
        foreach (var config in configs)
        {
            using var stream = config.Open();
            var read = SettingsReader.ReadConfig(stream, config.Name, limits);
            var prefix = configs.Count > 1 ? config.Name + ":" : "";
            foreach (var (key, value) in read.Values)
            {
                settings[prefix + key] = value;
            }
        }

        foreach (var optuna in entries.Where(e => e.Role == TrainingRunFileRole.Optuna))
        {
            using var stream = optuna.Open();
            var best = SettingsReader.ReadOptuna(stream, optuna.Name, limits);
            foreach (var (key, value) in best.Parameters.Values)
            {
                settings["optuna." + key] = value;
            }

            if (best.BestValue is { } objective)
            {
                settings["optuna.best_value"] = objective.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        foreach (var (run, hparams) in set.HParams)
        {
            foreach (var (key, value) in hparams)
            {
                settings[run == "." ? "hparams." + key : $"{run}:hparams.{key}"] = value;
            }
        }

        string? commit = null;
        if (commitField is not null)
        {
            commit = GitCommit.Parse(commitField, "commit").Hash;
        }
        else if (entries.FirstOrDefault(e => e.Role == TrainingRunFileRole.GitCommit) is { } commitFile)
        {
            using var stream = commitFile.Open();
            commit = SettingsReader.ReadGitCommit(stream, commitFile.Name).Hash;
        }

        return new ParsedTrainingRun(series, settings, commit, entries.Count, points);
    }

    private static IEnumerable<Entry> Unzip(TrainingRunUpload upload, string zipName, TrainingRunOptions options, List<ZipArchive> zips)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(upload.Open(), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            throw new RunFileRejectedException(RunFileProblem.UnsupportedFile, zipName, "this is not a zip file.");
        }

        zips.Add(zip);
        var found = new List<(string Name, ZipArchiveEntry Entry, TrainingRunFileRole Role)>();
        long unpacked = 0;
        foreach (var entry in zip.Entries)
        {
            var name = Clean(entry.FullName);
            if (entry.FullName.EndsWith('/') || name.Length == 0 || name.Split('/').Any(p => p.StartsWith('.') || p == "__MACOSX"))
            {
                continue;
            }

            var role = RoleOf(name);
            if (role == TrainingRunFileRole.Other)
            {
                continue;
            }

            if (entry.Length > options.MaxFileBytes)
            {
                throw TooLarge($"{zipName}/{name}", $"the file is {ByteSize.Format(entry.Length)} unpacked; one file of a run may be at most {ByteSize.Format(options.MaxFileBytes)}.");
            }

            unpacked += entry.Length;
            if (unpacked > options.MaxUploadBytes)
            {
                throw TooLarge(zipName, $"the run is larger than {ByteSize.Format(options.MaxUploadBytes)} unpacked, the limit of one training run.");
            }

            found.Add((name, entry, role));
        }

        // A zip of the run folder itself ("run42/fold_0/...", "run42/config.yaml") names its folds without that folder.
        var top = found.Select(f => f.Name.Split('/')).ToList();
        var strip = top.Count > 0 && top.All(p => p.Length >= 2 && p[0] == top[0][0]) ? top[0][0].Length + 1 : 0;
        return found.Select(f => new Entry(f.Name[strip..], f.Role, () => f.Entry.Open()));
    }

    /// <summary>The run of a curves file: its folder, or for a history at the top its name without extension.</summary>
    private static string RunOf(string name)
    {
        var slash = name.LastIndexOf('/');
        if (slash > 0)
        {
            return name[..slash];
        }

        return TrainingRunReader.KindOf(name) == RunFileKind.TensorBoardEvents ? "." : Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>A sender's path as '/'-separated names, without empty, "." and ".." parts (names are labels, never paths on the server).</summary>
    private static string Clean(string fileName) =>
        string.Join('/', fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p is not "." and not ".."));

    private static string LeafOf(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static RunFileRejectedException TooLarge(string name, string reason) => new(RunFileProblem.FileTooLarge, name, reason);

    private sealed record Entry(string Name, TrainingRunFileRole Role, Func<Stream> Open);
}
