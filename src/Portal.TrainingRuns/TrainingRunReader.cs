using Portal.TrainingRuns.Histories;
using Portal.TrainingRuns.Series;
using Portal.TrainingRuns.TensorBoard;

namespace Portal.TrainingRuns;

/// <summary>
/// Reads the curves of one or more training runs at once: TensorBoard event files, folders of them (one subfolder per
/// fold or run) and CSV / JSON histories. A series is identified by its run and tag: in a folder, the run is the event
/// file's folder relative to it ("." for the folder itself, '/' between folders; with several paths given, each run is
/// prefixed by its path's own name); a single event file is run "." (with several paths, its folder's name); a history
/// file is the run named by its file name without extension. Several event files of one run (a restarted training)
/// add to the same series, in file-name order. Every malformed file is refused with a
/// <see cref="RunFileRejectedException"/> naming the file and the record or line; reading stops at the first.
/// </summary>
public static class TrainingRunReader
{
    private static readonly EnumerationOptions FolderScan = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // Hidden folders (.ipynb_checkpoints) and links, which could loop, are not followed.
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint,
    };

    /// <summary>What a file is, by its name: event files by TensorBoard's prefix, histories by extension.</summary>
    public static RunFileKind KindOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (TfEventsReader.IsEventFileName(fileName))
        {
            return RunFileKind.TensorBoardEvents;
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => RunFileKind.CsvHistory,
            ".json" or ".jsonl" or ".ndjson" => RunFileKind.JsonHistory,
            _ => RunFileKind.Unsupported,
        };
    }

    /// <summary>Reads the files and folders at <paramref name="paths"/> (see the class summary for run names).</summary>
    public static TrainingRunSet ReadPaths(IReadOnlyList<string> paths, TrainingRunReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= TrainingRunReadOptions.Default;
        return ReadFiles(Resolve(paths, options), options);
    }

    /// <summary>Reads <paramref name="files"/> in order (an upload's files, each with its run already named).</summary>
    public static TrainingRunSet ReadFiles(IReadOnlyList<RunFile> files, TrainingRunReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= TrainingRunReadOptions.Default;
        if (files.Count > options.MaxFiles)
        {
            throw TooMany(files[options.MaxFiles].FileName, options);
        }

        var collector = new SeriesCollector();
        foreach (var file in files)
        {
            using var stream = file.Open();
            switch (file.Kind)
            {
                case RunFileKind.TensorBoardEvents:
                    TfEventsReader.Read(stream, file.FileName, file.Run, options, collector);
                    break;
                case RunFileKind.CsvHistory:
                    HistoryCsvReader.Read(stream, file.FileName, file.Run, options, collector);
                    break;
                case RunFileKind.JsonHistory:
                    HistoryJsonReader.Read(stream, file.FileName, file.Run, options, collector);
                    break;
                default:
                    throw Unsupported(file.FileName);
            }
        }

        return collector.Build(files.Count);
    }

    private static List<RunFile> Resolve(IReadOnlyList<string> paths, TrainingRunReadOptions options)
    {
        var files = new List<RunFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prefixed = paths.Count > 1;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var name = FolderName(path);
                var found = 0;
                foreach (var file in EventFiles(path, options))
                {
                    found++;
                    var folder = Path.GetDirectoryName(file)!.Replace('\\', '/');
                    var run = prefixed ? (folder.Length == 0 ? name : $"{name}/{folder}") : (folder.Length == 0 ? "." : folder);
                    Add(Path.Combine(path, file), run, RunFileKind.TensorBoardEvents);
                }

                if (found == 0)
                {
                    throw new RunFileRejectedException(RunFileProblem.NoEventFiles, path,
                        $"the folder holds no TensorBoard event files ({TfEventsReader.FileNamePrefix}*).");
                }
            }
            else if (File.Exists(path))
            {
                var kind = KindOf(path);
                var run = kind switch
                {
                    RunFileKind.Unsupported => throw Unsupported(path),
                    RunFileKind.TensorBoardEvents => prefixed ? FolderName(Path.GetDirectoryName(Path.GetFullPath(path))!) : ".",
                    _ => Path.GetFileNameWithoutExtension(path),
                };
                Add(path, run, kind);
            }
            else
            {
                throw new RunFileRejectedException(RunFileProblem.NotFound, path, "there is no such file or folder.");
            }
        }

        return files;

        void Add(string path, string run, RunFileKind kind)
        {
            if (!seen.Add(Path.GetFullPath(path)))
            {
                return;
            }

            if (files.Count == options.MaxFiles)
            {
                throw TooMany(path, options);
            }

            var length = new FileInfo(path).Length;
            if (length > options.MaxFileBytes)
            {
                throw SizeLimitedStream.TooLarge(length, options.MaxFileBytes, path);
            }

            files.Add(new RunFile(run, path, kind, () => new FileStream(path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan)));
        }
    }

    /// <summary>The event files under <paramref name="folder"/>, relative to it, in ordinal order; at most one more than the limit.</summary>
    private static List<string> EventFiles(string folder, TrainingRunReadOptions options)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, TfEventsReader.FileNamePrefix + "*", FolderScan))
        {
            files.Add(Path.GetRelativePath(folder, file));
            if (files.Count > options.MaxFiles)
            {
                throw TooMany(file, options);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string FolderName(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var name = Path.GetFileName(full);
        return name.Length == 0 ? full : name;
    }

    private static RunFileRejectedException TooMany(string path, TrainingRunReadOptions options) =>
        new(RunFileProblem.TooManyFiles, path, $"more than {options.MaxFiles} files were given; read fewer at a time.");

    private static RunFileRejectedException Unsupported(string path) =>
        new(RunFileProblem.UnsupportedFile, path,
            $"this is neither a TensorBoard event file ({TfEventsReader.FileNamePrefix}*) nor a CSV or JSON history (.csv, .json, .jsonl).");
}
