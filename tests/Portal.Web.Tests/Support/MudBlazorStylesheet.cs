using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Support;

/// <summary>
/// The class names MudBlazor's own stylesheet defines, read where the app's static web assets manifest says it is: a
/// utility class MudBlazor does not have (column-gap-6, say) renders as nothing, and only a test against the real
/// stylesheet notices.
/// </summary>
internal static partial class MudBlazorStylesheet
{
    private static readonly Lazy<HashSet<string>> Classes = new(Read);

    /// <summary>Whether MudBlazor.min.css has a rule for <paramref name="className"/>.</summary>
    public static bool Defines(string className) => Classes.Value.Contains(className);

    private static HashSet<string> Read()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "Portal.Web.staticwebassets.runtime.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var root = json.RootElement.GetProperty("ContentRoots").EnumerateArray().Select(r => r.GetString()!)
            .Single(r => File.Exists(Path.Combine(r, "MudBlazor.min.css")));
        var css = File.ReadAllText(Path.Combine(root, "MudBlazor.min.css"));
        return ClassSelector().Matches(css).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")]
    private static partial Regex ClassSelector();
}
