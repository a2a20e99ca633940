using System.Net;

namespace Portal.Cli.Tests.Support;

/// <summary>A portal that answers every request with one prepared response and keeps the requests it saw (URL and Authorization header).</summary>
public sealed class StubPortal(Func<HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<(Uri Url, string? Authorization)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
        return Task.FromResult(answer());
    }

    /// <summary>A 200 with a JSON body.</summary>
    public static StubPortal Json(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(() => new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, mediaType) });

    /// <summary>Runs <c>portal</c> against this stub with <paramref name="variables"/> and <paramref name="configFile"/> only.</summary>
    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> variables, string configFile, params string[] args)
    {
        var environment = new CliEnvironment
        {
            Handler = this,
            Variable = name => variables.TryGetValue(name, out var value) ? value : null,
            ConfigFile = configFile,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, environment, TestContext.Current.CancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
