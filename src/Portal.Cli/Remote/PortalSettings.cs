namespace Portal.Cli.Remote;

/// <summary>
/// Where the portal is and the team token to send: <paramref name="BaseUrl"/> absolute http(s) ending in '/',
/// <paramref name="Token"/> null when none is configured; <paramref name="UrlSource"/> and <paramref name="TokenSource"/>
/// name where each came from (<c>--url</c>, <c>PORTAL_URL</c>, the config file) for messages.
/// </summary>
internal sealed record PortalSettings(Uri BaseUrl, string UrlSource, string? Token, string? TokenSource);
