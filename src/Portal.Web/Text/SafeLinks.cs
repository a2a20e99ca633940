namespace Portal.Web.Text;

/// <summary>Which link targets text written by a host or a team may carry: http, https, mailto and relative links.</summary>
public static class SafeLinks
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// Whether <paramref name="url"/> may be a link or an image source. The URL is read as a browser reads it: entities are
    /// already decoded by the Markdown parser, and a browser drops control characters and spaces (so <c>java&#x09;script:</c>
    /// is <c>javascript:</c>); then a scheme before any <c>/ ? #</c> must be one of the allowed, whatever its case.
    /// </summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)));
        var end = compact.AsSpan().IndexOfAny(":/?#");
        if (end < 0 || compact[end] != ':')
        {
            // No scheme: a relative link (a path, ?query or #fragment) stays on this site.
            return true;
        }

        var scheme = compact[..end];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
