using System.Net;
using System.Net.Sockets;

namespace Portal.Application.Notifications;

/// <summary>
/// The HTTP client of webhook messages: it resolves the host itself at connect time and connects only to an address
/// <see cref="WebhookAddressPolicy"/> allows (so a name that turned internal since it was saved is refused), follows no
/// redirect and uses no proxy (either would reach addresses the check never saw).
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    private readonly HttpClient _client;

    public WebhookHttp(WebhookAddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = await WebhookAddressPolicy.ResolveAsync(host, cancellationToken);
                var allowed = addresses.Where(policy.Allows).ToList();
                if (allowed.Count == 0 || allowed.Count != addresses.Length)
                {
                    throw new WebhookAddressRefusedException(
                        $"The host '{host}' now resolves to a local or internal address, so the message was not sent.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // Each attempt has its own time limit (NotificationOptions.Timeout), set by the sender's cancellation.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Portal-Webhooks/1.0");
    }

    /// <summary>The header that names a message, the same at every attempt: a receiver drops a repeat it has seen (as with GitHub's X-GitHub-Delivery).</summary>
    public const string DeliveryHeader = "X-Portal-Delivery";

    /// <summary>
    /// The <see cref="DeliveryHeader"/> value of <paramref name="delivery"/>: its outbox row and the microsecond it was
    /// written (hex), so it is the same at every attempt and does not repeat across portals or a fresh database, whose
    /// rows count from 1 again. Microseconds: what PostgreSQL keeps of the time, so both databases give one value.
    /// </summary>
    public static string DeliveryIdOf(Portal.Data.Entities.WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{delivery.Id}-{delivery.CreatedAtUtc.Ticks / 10:x}");
    }

    /// <summary>
    /// Posts <paramref name="json"/> to <paramref name="url"/> as message <paramref name="deliveryId"/> (sent as
    /// <see cref="DeliveryHeader"/>, see <see cref="DeliveryIdOf"/>); the response's headers only.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(Uri url, string json, string deliveryId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DeliveryHeader, deliveryId);
        return await _client.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
