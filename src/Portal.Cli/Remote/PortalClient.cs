using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portal.Cli.Commands;
using Portal.Cli.Remote.Json;

namespace Portal.Cli.Remote;

/// <summary>
/// The portal's HTTP API as the participant commands use it. Every answer that is not a success becomes a
/// <see cref="CliException"/> with the server's own sentences (<see cref="RemoteRefusal"/>); a portal that cannot be
/// reached or does not answer becomes one naming the address, with <see cref="ExitCodes.ServiceError"/>.
/// </summary>
internal sealed class PortalClient : IDisposable
{
    /// <summary>Long enough for a model upload over a slow line.</summary>
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A read answers in well under a second; a portal silent for this long is not coming back soon.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http;

    public PortalClient(PortalSettings settings, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        Settings = settings;
        _http = environment.Handler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        _http.BaseAddress = settings.BaseUrl;
        // Each call sets its own limit (SendAsync): an upload may take many minutes, a read should not.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("portal-cli", "1"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (settings.Token is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public PortalSettings Settings { get; }

    /// <summary>
    /// GETs <paramref name="path"/> (relative to the portal's address) and reads it as <typeparamref name="T"/>; returns the
    /// value and the body as the server sent it (for <c>--json</c>). 404 is a <see cref="CliException"/> with <paramref name="notFound"/>.
    /// </summary>
    public async Task<(T Value, string Json)> GetJsonAsync<T>(string path, JsonTypeInfo<T> type, string notFound, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken, ReadTimeout);
        await EnsureSuccessAsync(response, notFound, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return (Read(json, type, path), json);
    }

    /// <summary>
    /// Sends <paramref name="request"/> (disposed here) and waits for the answer's headers at most <paramref name="timeout"/>
    /// (default: long enough for an upload), turning a portal that cannot be reached or stays silent into a sentence naming its address.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = timeout ?? UploadTimeout;
        using (request)
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timer.CancelAfter(limit);
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            }
            catch (HttpRequestException e)
            {
                throw new CliException([Unreachable(e), $"Check the address ({Settings.UrlSource}) and that the portal is running."], ExitCodes.ServiceError);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(
                    [$"The portal at {Settings.BaseUrl} did not answer within {RetryAfterText.Duration(limit)}; try again later."], ExitCodes.ServiceError);
            }
        }
    }

    /// <summary>Returns when <paramref name="response"/> succeeded; else throws its refusal (see <see cref="RemoteRefusal"/>).</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response, string notFound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteRefusal.ReadAsync(response, notFound, Settings, cancellationToken);
        }
    }

    /// <summary>Reads a successful body; one that is not the expected JSON means the address is not a portal (or not this version of it).</summary>
    public T Read<T>(string json, JsonTypeInfo<T> type, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new CliException(
                [$"{new Uri(Settings.BaseUrl, path)} did not answer as the portal's API does; is {Settings.BaseUrl} (from {Settings.UrlSource}) the portal's address?"],
                ExitCodes.ServiceError);
        }
    }

    public void Dispose() => _http.Dispose();

    private string Unreachable(HttpRequestException e)
    {
        var reason = e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "its host name is not known",
            HttpRequestError.SecureConnectionError => "the secure (TLS) connection failed",
            HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "the connection was refused",
            HttpRequestError.ConnectionError => "no connection could be made",
            _ => "the connection broke off",
        };
        return $"Could not reach the portal at {Settings.BaseUrl}: {reason}.";
    }
}
