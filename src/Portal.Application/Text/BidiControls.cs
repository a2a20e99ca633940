using System.Buffers;

namespace Portal.Application.Text;

/// <summary>
/// Unicode bidirectional controls in names and descriptions. An override (U+202E) shows <c>report[U+202E]vsc.exe</c> as
/// <c>reportexe.csv</c>, so text a person typed is stored without them; the words themselves, in any script, stay.
/// </summary>
public static class BidiControls
{
    /// <summary>The embeddings and overrides (U+202A-U+202E), the isolates (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C).</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    /// <summary><paramref name="text"/> without bidirectional controls ("" for null).</summary>
    public static string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Controls) < 0)
        {
            return text ?? "";
        }

        return string.Concat(text.Where(c => !Controls.Contains(c)));
    }
}
