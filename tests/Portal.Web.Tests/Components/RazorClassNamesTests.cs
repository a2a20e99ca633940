using System.Text.RegularExpressions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>
/// Every class a .razor file names is one some stylesheet defines: a class nothing defines (text-nowrap, which MudBlazor 9
/// does not have) renders as nothing, silently. A static scan of the source; values with a Razor expression are skipped.
/// </summary>
public sealed partial class RazorClassNamesTests
{
    /// <summary>Classes no stylesheet needs to define: they name an element for a reader or a browser tool.</summary>
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "portal-model-gains",
        "portal-compare-rows",
    };

    [Fact]
    public void RazorFiles_StaticClassValues_AreDefinedByMudBlazorOrOurStylesheets()
    {
        // Arrange
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Portal.Web");
        var ours = Directory.EnumerateFiles(Path.Combine(root, "wwwroot-assets"), "*.css")
            .Concat(SourceFiles(web, "*.razor.css"))
            .SelectMany(f => CssClass().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var razorFiles = SourceFiles(web, "*.razor").ToList();

        // Act
        var unknown = (
            from file in razorFiles
            from value in ClassAttribute().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)
            where !value.Contains('@', StringComparison.Ordinal)
            from name in value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            where !MudBlazorStylesheet.Defines(name) && !ours.Contains(name) && !Markers.Contains(name)
            select $"{Path.GetRelativePath(web, file)}: {name}").Distinct().ToList();

        // Assert
        Assert.NotEmpty(razorFiles);
        Assert.Contains("portal-num", ours);
        Assert.Empty(unknown);
    }

    private static IEnumerable<string> SourceFiles(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "wwwroot"));

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the tests.");
    }

    // class="..." on an HTML element or Class="..." on a component, not HeaderClass="..." or data-class="...".
    [GeneratedRegex(@"(?<![\w-])[Cc]lass=""([^""]*)""")]
    private static partial Regex ClassAttribute();

    [GeneratedRegex(@"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")]
    private static partial Regex CssClass();
}
