using System.IO.Compression;
using Portal.Cli.Commands;
using Portal.TrainingRuns;

namespace Portal.Cli.Remote;

/// <summary>
/// A training-run folder packed for <c>POST /api/v1/submissions/{id}/training-run</c>: one zip of the files the portal
/// reads (TensorBoard event files, CSV/JSON histories, YAML/JSON settings, a commit file), paths kept relative to the
/// folder so each fold's subfolder names its run. Checkpoints and other files stay behind (the portal would skip them in
/// a zip anyway; leaving them out keeps the upload small).
/// </summary>
internal static class RunFolder
{
    private static readonly string[] SettingsExtensions = [".yaml", ".yml", ".txt", ""];

    /// <summary>The files of <paramref name="folder"/> to send, relative with '/'; a folder that is missing or has no curves is a <see cref="CliException"/>.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException($"--tfevents: the folder {folder} does not exist; nothing was submitted.");
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => TrainingRunReader.KindOf(f) != RunFileKind.Unsupported || SettingsExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!files.Any(f => TrainingRunReader.KindOf(f) != RunFileKind.Unsupported))
        {
            throw new CliException($"--tfevents: {folder} holds no TensorBoard event files (events.out.tfevents.*) or CSV / JSON histories; nothing was submitted.");
        }

        return files;
    }

    /// <summary>Writes the zip of <paramref name="files"/> (from <see cref="Files"/>) to <paramref name="zip"/>, a stream left open at its start.</summary>
    public static void Pack(string folder, IReadOnlyList<string> files, Stream zip)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(zip);
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(Path.Combine(folder, file), file, CompressionLevel.Fastest);
            }
        }

        zip.Position = 0;
    }
}
