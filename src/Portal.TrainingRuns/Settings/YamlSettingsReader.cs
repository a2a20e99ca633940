using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.TrainingRuns.Settings;

/// <summary>
/// Reads a YAML config (Hydra's <c>config.yaml</c>, wandb's <c>config.yaml</c>, a hand-written one) into
/// <see cref="RunSettings"/>: the first document, a map at the top; plain scalars "~", "null" and empty read as "null".
/// wandb's <c>{desc, value}</c> wrappers are kept as they are (<c>lr.value</c>). Refusals name the file and line.
/// </summary>
internal static class YamlSettingsReader
{
    public static RunSettings Read(TextReader text, string fileName, TrainingRunReadOptions options)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MalformedYaml, fileName, Math.Max(1, ex.Start.Line),
                $"this is not valid YAML ({Inner(ex).TrimEnd('.')}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these, without a place, on some broken files (found by FuzzTests).
            throw new RunFileRejectedException(RunFileProblem.MalformedYaml, fileName, "this is not valid YAML; check its indentation, quotes and brackets.");
        }

        var flattener = new SettingsFlattener(fileName, options);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return flattener.Build();
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.NotAMap, fileName, Math.Max(1, stream.Documents[0].RootNode.Start.Line),
                "the settings must be a map of names and values at the top.");
        }

        Add(root, "", 1, flattener);
        return flattener.Build();
    }

    private static void Add(YamlNode node, string key, int depth, SettingsFlattener flattener)
    {
        long line = node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map when map.Children.Count == 0:
                flattener.Add(key, "{}", line);
                break;
            case YamlMappingNode map:
                flattener.Enter(depth, line);
                foreach (var (name, value) in map.Children)
                {
                    if (name is not YamlScalarNode { Value: { } text })
                    {
                        throw RunFileRejectedException.AtLine(RunFileProblem.InvalidSettings, flattener.FileName, name.Start.Line,
                            "a setting's name must be plain text, not a list or map.");
                    }

                    Add(value, SettingsFlattener.Child(key, text), depth + 1, flattener);
                }

                break;
            case YamlSequenceNode list when list.Children.Count == 0:
                flattener.Add(key, "[]", line);
                break;
            case YamlSequenceNode list:
                flattener.Enter(depth, line);
                for (var i = 0; i < list.Children.Count; i++)
                {
                    Add(list.Children[i], SettingsFlattener.Item(key, i), depth + 1, flattener);
                }

                break;
            case YamlScalarNode scalar:
                flattener.Add(key, Text(scalar), line);
                break;
            default:
                flattener.Add(key, "", line);
                break;
        }
    }

    private static string Text(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL" ? "null" : scalar.Value ?? "";

    private static string Inner(YamlException ex) => ex.InnerException is YamlException inner ? inner.Message : ex.Message;
}
