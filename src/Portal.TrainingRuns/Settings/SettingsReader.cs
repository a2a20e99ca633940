using System.Text.Json;

namespace Portal.TrainingRuns.Settings;

/// <summary>
/// Reads a training run's settings: YAML or JSON configs flattened to <see cref="RunSettings"/>, Optuna's best
/// parameters, a git commit from a file. Every malformed file is refused with <see cref="RunFileRejectedException"/>
/// naming the file and, where known, the line; a file over <see cref="TrainingRunReadOptions.MaxFileBytes"/> is
/// refused before it is read.
/// </summary>
public static class SettingsReader
{
    /// <summary>A config by its name: YAML for .yaml and .yml, JSON otherwise. <paramref name="fileName"/> names it in refusals.</summary>
    public static RunSettings ReadConfig(Stream stream, string fileName, TrainingRunReadOptions? options = null)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            ? ReadYaml(stream, fileName, options)
            : ReadJson(stream, fileName, options);
    }

    /// <summary>A YAML config: the first document, a map at the top.</summary>
    public static RunSettings ReadYaml(Stream stream, string fileName, TrainingRunReadOptions? options = null)
    {
        options ??= TrainingRunReadOptions.Default;
        using var text = Open(stream, fileName, options);
        return YamlSettingsReader.Read(text, fileName, options);
    }

    /// <summary>A JSON config: an object at the top.</summary>
    public static RunSettings ReadJson(Stream stream, string fileName, TrainingRunReadOptions? options = null)
    {
        options ??= TrainingRunReadOptions.Default;
        using var text = Open(stream, fileName, options);
        using var document = JsonSettingsReader.Parse(text.ReadToEnd(), fileName, options);
        return JsonSettingsReader.Flatten(document.RootElement, fileName, options);
    }

    /// <summary>
    /// Optuna's best parameters: <c>{"best_params": {...}, "best_value": 0.91}</c> (what <c>json.dump</c> of the
    /// study's attributes gives) or the parameter map alone (<c>json.dump(study.best_params)</c>).
    /// </summary>
    public static OptunaBestParams ReadOptuna(Stream stream, string fileName, TrainingRunReadOptions? options = null)
    {
        options ??= TrainingRunReadOptions.Default;
        using var text = Open(stream, fileName, options);
        using var document = JsonSettingsReader.Parse(text.ReadToEnd(), fileName, options);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("best_params", out var best))
        {
            var value = root.TryGetProperty("best_value", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : (double?)null;
            return new OptunaBestParams(JsonSettingsReader.Flatten(best, fileName, options), value);
        }

        return new OptunaBestParams(JsonSettingsReader.Flatten(root, fileName, options), null);
    }

    /// <summary>A git commit written to a file (<c>git rev-parse HEAD &gt; commit.txt</c>): its first line.</summary>
    public static GitCommit ReadGitCommit(Stream stream, string fileName)
    {
        using var text = new StreamReader(SizeLimitedStream.Guard(stream, 4096, fileName), leaveOpen: true);
        return GitCommit.Parse(text.ReadLine(), fileName);
    }

    private static StreamReader Open(Stream stream, string fileName, TrainingRunReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        return new StreamReader(SizeLimitedStream.Guard(stream, options.MaxFileBytes, fileName), leaveOpen: true);
    }
}
