using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Web.Text;

/// <summary>
/// Markdown as the portal shows it (a competition's description): raw HTML is shown as text, never run; links and images
/// keep only the targets <see cref="SafeLinks"/> allows (any other becomes its plain text); no author-given attributes.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>The HTML of <paramref name="markdown"/>, safe to show to every visitor.</summary>
    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!SafeLinks.IsAllowed(link.GetDynamicUrl?.Invoke() ?? link.Url))
            {
                Unwrap(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!SafeLinks.IsAllowed(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return document.ToHtml(Pipeline);
    }

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
