using System.CommandLine;
using Portal.Cli.Remote;

namespace Portal.Cli.Commands;

/// <summary>The options of the participant commands, which talk to a portal; each command gets its own instances.</summary>
internal sealed class RemoteOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The portal's address as the browser shows it, e.g. http://localhost:5000 (an API address ending in /api/v1 is taken as the portal's). " +
            $"Default: {PortalSettingsReader.UrlVariable}, else \"url\" in ~/.config/portal/config.json.",
        HelpName = "URL",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"Your team's API token (the Team page shows it). Default: {PortalSettingsReader.TokenVariable}, else \"token\" in ~/.config/portal/config.json.",
        HelpName = "TOKEN",
    };

    /// <summary>The competition's slug, as in its address (/c/SLUG).</summary>
    public static Option<string> Competition() => new("--competition", "-c")
    {
        Description = "The competition's short name, as in its address on the portal (/c/SLUG).",
        Required = true,
        HelpName = "SLUG",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>A client for the portal the options, the environment variables or the config file name.</summary>
    public PortalClient Connect(ParseResult parse, CliEnvironment environment, bool needsToken = true) =>
        new(PortalSettingsReader.Read(parse.GetValue(Url), parse.GetValue(Token), environment, needsToken), environment);

    /// <summary>A slug as a path segment: escaped, so a stray '/' or '?' cannot reach another address.</summary>
    public static string Segment(string slug) => Uri.EscapeDataString(slug.Trim());
}
