using System.Globalization;

namespace Portal.Web.Features.Comparison;

/// <summary>Submission ids in a query string: <c>12,15,18</c>.</summary>
public static class IdList
{
    /// <summary>Reads comma-separated positive ids; false when any part is not one (an empty list reads as empty).</summary>
    public static bool TryParse(string? text, out IReadOnlyList<int> ids)
    {
        var list = new List<int>();
        ids = list;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return false;
            }

            list.Add(id);
        }

        return true;
    }

    /// <summary>The ids as the query value.</summary>
    public static string Format(IEnumerable<int> ids) => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
