namespace Portal.TrainingRuns.Settings;

/// <summary>
/// A training run's settings flattened to text: each leaf of the config's maps and lists under its path (maps joined
/// with '.', list items as [i]: <c>optimizer.lr</c> → "0.001", <c>augment[0]</c> → "hflip"), values as written
/// (numbers not reformatted, null as "null", an empty map or list as "{}" or "[]"). Keys in ordinal order.
/// </summary>
public sealed class RunSettings
{
    /// <summary>Settings with the given entries (copied, then sorted).</summary>
    public RunSettings(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Values = new SortedDictionary<string, string>(entries.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Every key and its value, in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>
    /// The keys whose values differ between this run (left) and <paramref name="other"/> (right), in key order; a key
    /// only one of them has comes with null on the other side.
    /// </summary>
    public IReadOnlyList<SettingDifference> Differences(RunSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Values.Keys.Union(other.Values.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(k => new SettingDifference(k, Values.GetValueOrDefault(k), other.Values.GetValueOrDefault(k)))
            .Where(d => !string.Equals(d.Left, d.Right, StringComparison.Ordinal))
            .ToArray();
    }
}
