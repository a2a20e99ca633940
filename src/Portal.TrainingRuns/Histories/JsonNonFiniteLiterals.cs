using System.Text;

namespace Portal.TrainingRuns.Histories;

/// <summary>
/// Python's <c>json</c> writes NaN and infinities as the bare words <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>,
/// which are not JSON; a diverged loss is a real value, so they are quoted ("NaN") before System.Text.Json reads the
/// text, and read back as numbers (<see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/>).
/// </summary>
internal static class JsonNonFiniteLiterals
{
    private static readonly string[] Words = ["NaN", "Infinity", "-Infinity"];

    /// <summary><paramref name="json"/> with every bare NaN, Infinity and -Infinity outside strings quoted; the same string when there is none.</summary>
    public static string Quote(string json)
    {
        if (!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal))
        {
            return json;
        }

        var result = new StringBuilder(json.Length + 8);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    result.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                result.Append(c);
                continue;
            }

            var word = Array.Find(Words, w => string.CompareOrdinal(json, i, w, 0, w.Length) == 0);
            if (word is not null)
            {
                result.Append('"').Append(word).Append('"');
                i += word.Length - 1;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
