using System.Globalization;

namespace Portal.Application.Comparison;

/// <summary>
/// Submission ids in a query string (<c>?a=12</c>, <c>?ids=12,15,18</c>), read as text so that a value too large for an
/// id, negative, zero or not a number is the caller's to refuse (404 on a page, 400 in the API), never a server error.
/// </summary>
public static class IdList
{
    /// <summary>Reads comma-separated positive ids; false when any part is not one (an empty list reads as empty).</summary>
    public static bool TryParse(string? text, out IReadOnlyList<int> ids)
    {
        var list = new List<int>();
        ids = list;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseId(part, out var id))
            {
                return false;
            }

            list.Add(id);
        }

        return true;
    }

    /// <summary>Reads one optional id: absent or empty is null; false when it is there but not a positive id.</summary>
    public static bool TryParseOptional(string? text, out int? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!TryParseId(text, out var value))
        {
            return false;
        }

        id = value;
        return true;
    }

    /// <summary>The ids as the query value.</summary>
    public static string Format(IEnumerable<int> ids) => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Digits only (no sign, exponent or spaces), within <see cref="int"/>, above zero.</summary>
    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
