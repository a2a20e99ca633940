using System.Globalization;

namespace Portal.TrainingRuns.Settings;

/// <summary>
/// Builds the flattened entries of a settings tree (see <see cref="RunSettings"/>), refusing a key that appears twice,
/// more entries than <see cref="TrainingRunReadOptions.MaxSettingsEntries"/> (a YAML alias repeated into millions of
/// leaves) and nesting deeper than <see cref="TrainingRunReadOptions.MaxSettingsDepth"/>.
/// </summary>
internal sealed class SettingsFlattener(string fileName, TrainingRunReadOptions options)
{
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>The file's name as given, for refusals.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The key of <paramref name="name"/> under <paramref name="parent"/> ("" at the top).</summary>
    public static string Child(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The key of list item <paramref name="index"/> under <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>Refuses nesting below <paramref name="depth"/> when it is over the limit.</summary>
    public void Enter(int depth, long? line)
    {
        if (depth > options.MaxSettingsDepth)
        {
            throw Refuse(line, $"the settings nest deeper than {options.MaxSettingsDepth} levels.");
        }
    }

    public void Add(string key, string value, long? line)
    {
        if (_entries.Count >= options.MaxSettingsEntries)
        {
            throw Refuse(line, string.Create(CultureInfo.InvariantCulture, $"the settings have more than {options.MaxSettingsEntries:N0} entries."));
        }

        if (!_entries.TryAdd(key, value))
        {
            throw Refuse(line, $"the setting '{key}' is given twice.");
        }
    }

    public RunSettings Build() => new(_entries);

    private RunFileRejectedException Refuse(long? line, string reason) => line is { } l
        ? RunFileRejectedException.AtLine(RunFileProblem.InvalidSettings, FileName, l, reason)
        : new RunFileRejectedException(RunFileProblem.InvalidSettings, FileName, reason);
}
