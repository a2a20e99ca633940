using System.Text.Json;

namespace Portal.TrainingRuns.Settings;

/// <summary>
/// Reads a JSON config into <see cref="RunSettings"/>: an object at the top; numbers as written, strings as they are,
/// true / false / null as words. Comments and trailing commas are allowed. Refusals name the file and line.
/// </summary>
internal static class JsonSettingsReader
{
    /// <summary>The parsed document of a settings file; the caller disposes it.</summary>
    public static JsonDocument Parse(string json, string fileName, TrainingRunReadOptions options)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = options.MaxSettingsDepth + 1,
            });
        }
        catch (JsonException ex)
        {
            throw RunFileRejectedException.AtLine(RunFileProblem.MalformedJson, fileName, (ex.LineNumber ?? 0) + 1,
                $"this is not valid JSON ({FirstSentence(ex.Message)}).");
        }
    }

    /// <summary>The settings of the object <paramref name="root"/>.</summary>
    public static RunSettings Flatten(JsonElement root, string fileName, TrainingRunReadOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RunFileRejectedException(RunFileProblem.NotAMap, fileName, "the settings must be a JSON object of names and values at the top.");
        }

        var flattener = new SettingsFlattener(fileName, options);
        Add(root, "", 1, flattener);
        return flattener.Build();
    }

    private static void Add(JsonElement element, string key, int depth, SettingsFlattener flattener)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when !element.EnumerateObject().Any():
                flattener.Add(key, "{}", null);
                break;
            case JsonValueKind.Object:
                flattener.Enter(depth, null);
                foreach (var property in element.EnumerateObject())
                {
                    Add(property.Value, SettingsFlattener.Child(key, property.Name), depth + 1, flattener);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                flattener.Add(key, "[]", null);
                break;
            case JsonValueKind.Array:
                flattener.Enter(depth, null);
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Add(item, SettingsFlattener.Item(key, i++), depth + 1, flattener);
                }

                break;
            case JsonValueKind.String:
                flattener.Add(key, element.GetString() ?? "", null);
                break;
            case JsonValueKind.True:
                flattener.Add(key, "true", null);
                break;
            case JsonValueKind.False:
                flattener.Add(key, "false", null);
                break;
            case JsonValueKind.Null:
                flattener.Add(key, "null", null);
                break;
            default:
                flattener.Add(key, element.GetRawText(), null);
                break;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
