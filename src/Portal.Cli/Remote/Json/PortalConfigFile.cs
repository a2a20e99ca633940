namespace Portal.Cli.Remote.Json;

/// <summary>The config file, <c>~/.config/portal/config.json</c>: <c>{"url": "https://portal.example", "token": "pt_..."}</c>, both optional.</summary>
internal sealed record PortalConfigFile(string? Url, string? Token);
