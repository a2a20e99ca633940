using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Web.Text;

/// <summary>
/// Markdown as the portal shows it (a competition's description): raw HTML is shown as text, never run; links and images
/// keep only the targets <see cref="SafeLinks"/> allows (any other becomes its plain text); no author-given attributes.
/// </summary>
public static partial class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>The HTML of <paramref name="markdown"/>, safe to show to every visitor.</summary>
    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        // Every link of both kinds is found before any is changed: unwrapping one must not hide another from the walk.
        var links = document.Descendants<Inline>().Where(i => i is LinkInline or AutolinkInline).ToList();
        foreach (var inline in links)
        {
            switch (inline)
            {
                case LinkInline link when !SafeLinks.IsAllowed(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    Unwrap(link);
                    break;
                case AutolinkInline autolink when !SafeLinks.IsAllowed(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }

        var html = document.ToHtml(Pipeline);
        // Fail closed: should any address the walk missed reach the HTML, the description is shown as plain text.
        return AllAddressesAllowed(html) ? html : "<p>" + System.Net.WebUtility.HtmlEncode(markdown ?? "") + "</p>";
    }

    /// <summary>Whether every href and src in <paramref name="html"/> (entities decoded) is an address <see cref="SafeLinks"/> allows.</summary>
    private static bool AllAddressesAllowed(string html) =>
        AddressAttribute().Matches(html).All(m => SafeLinks.IsAllowed(System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)));

    [System.Text.RegularExpressions.GeneratedRegex("\\b(?:href|src)\\s*=\\s*\"(?<url>[^\"]*)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AddressAttribute();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().DisableHtml().UseAdvancedExtensions();
        // Generic attributes ({onclick=...} after a link or a heading) would let the text add any attribute to the HTML.
        builder.Extensions.RemoveAll(e => e is GenericAttributesExtension);
        return builder.Build();
    }

    /// <summary>Puts a link's content (its text, or an image's alt text) in its place, without the link.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }
}
