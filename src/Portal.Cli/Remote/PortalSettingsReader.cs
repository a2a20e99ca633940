using System.Text.Json;
using Portal.Cli.Commands;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Remote;

/// <summary>
/// Finds the portal's address and the team token: the <c>--url</c> / <c>--token</c> flags first, then the environment
/// variables <c>PORTAL_URL</c> / <c>PORTAL_TOKEN</c>, then the config file. What is missing or wrong is a
/// <see cref="CliException"/> that says exactly what to set.
/// </summary>
internal static class PortalSettingsReader
{
    public const string UrlVariable = "PORTAL_URL";
    public const string TokenVariable = "PORTAL_TOKEN";

    /// <summary>The settings in force; <paramref name="needsToken"/> false lets a command that may go anonymous (the leaderboard) run without a token.</summary>
    public static PortalSettings Read(string? urlFlag, string? tokenFlag, CliEnvironment environment, bool needsToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (url, urlSource) = Pick(urlFlag, "--url", environment.Variable(UrlVariable), UrlVariable);
        var (token, tokenSource) = Pick(tokenFlag, "--token", environment.Variable(TokenVariable), TokenVariable);
        var configPath = environment.ConfigPath;
        if ((url is null || token is null) && ReadConfig(configPath) is { } config)
        {
            (url, urlSource) = url is null ? (Blank(config.Url), configPath) : (url, urlSource);
            (token, tokenSource) = token is null ? (Blank(config.Token), configPath) : (token, tokenSource);
        }

        if (url is null)
        {
            throw new CliException(
            [
                "No portal is configured. Set the portal's address and your team's API token (the Team page shows the token):",
                $"  export {UrlVariable}=http://localhost:5000",
                $"  export {TokenVariable}=pt_...",
                $"or write them to {configPath}:",
                "  {\"url\": \"http://localhost:5000\", \"token\": \"pt_...\"}",
                "(--url and --token override both for one command.)",
            ]);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliException($"The portal's address '{url}' (from {urlSource}) is not a web address; write it as http://host:port or https://host, as the browser shows it.");
        }

        if (needsToken && token is null)
        {
            throw new CliException(
            [
                "No API token is configured. Set your team's API token (the Team page shows it; rotating it there replaces the old one):",
                $"  export {TokenVariable}=pt_...",
                $"or add \"token\": \"pt_...\" to {configPath}, or pass --token.",
            ]);
        }

        // A base that ends in '/' keeps a path prefix (https://host/portal/) when the API's relative paths are added.
        var root = PortalRoot(uri.AbsoluteUri);
        var baseUrl = new Uri(root.EndsWith('/') ? root : root + "/");
        return new PortalSettings(baseUrl, urlSource!, token, token is null ? null : tokenSource);
    }

    /// <summary>
    /// The portal's root for an address that may be its API's base instead: the API documentation and the server's own
    /// links show http://host/api/v1, and a user who copies that means the same portal, so a trailing /api/v1 or /api is
    /// dropped rather than sending every command to http://host/api/v1/api/v1/..., which the portal does not have.
    /// </summary>
    private static string PortalRoot(string absoluteUri)
    {
        var root = absoluteUri.TrimEnd('/');
        foreach (var apiBase in (ReadOnlySpan<string>)["/api/v1", "/api"])
        {
            if (root.EndsWith(apiBase, StringComparison.OrdinalIgnoreCase))
            {
                return root[..^apiBase.Length];
            }
        }

        return absoluteUri;
    }

    private static (string? Value, string? Source) Pick(string? flag, string flagName, string? variable, string variableName) =>
        Blank(flag) is { } fromFlag ? (fromFlag, flagName)
        : Blank(variable) is { } fromVariable ? (fromVariable, variableName)
        : (null, null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The config file, or null when there is none; a file that is not the expected JSON is named with the reason.</summary>
    private static PortalConfigFile? ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, RemoteJsonContext.Default.PortalConfigFile)
                ?? throw new CliException($"{path} holds null; write {{\"url\": \"http://localhost:5000\", \"token\": \"pt_...\"}}.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new CliException($"{path} is not the expected JSON{where}; write {{\"url\": \"http://localhost:5000\", \"token\": \"pt_...\"}}.");
        }
    }
}
