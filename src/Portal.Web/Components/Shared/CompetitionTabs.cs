namespace Portal.Web.Components.Shared;

/// <summary>The tabs of a competition's pages, in order: each its path segment under <c>/c/{slug}/</c> and its name.</summary>
public static class CompetitionTabs
{
    /// <summary>Path segment ("" for the overview) and name of every tab.</summary>
    public static IReadOnlyList<(string Path, string Name)> All { get; } =
    [
        ("", "Overview"), ("data", "Data"), ("leaderboard", "Leaderboard"), ("team", "Team"), ("submit", "Submit"), ("submissions", "Submissions"),
    ];

    /// <summary>The position of the tab at <paramref name="path"/>; -1 when there is none.</summary>
    public static int IndexOf(string path)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Path, path, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The address of the tab at <paramref name="path"/> of competition <paramref name="slug"/>, relative to the base.</summary>
    public static string Href(string slug, string path) => $"c/{slug}/{path}".TrimEnd('/');
}
