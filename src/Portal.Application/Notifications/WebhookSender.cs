using System.Net;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>
/// Sends the outbox's webhook messages in the background, <see cref="NotificationOptions.Concurrency"/> at a time, each
/// attempt within <see cref="NotificationOptions.Timeout"/>, retrying failures with exponential back-off; between
/// messages it writes the reminders of competitions about to close. Nothing here runs on a scorer's path: a slow or
/// broken receiver delays only its own messages.
/// </summary>
public sealed partial class WebhookSender(
    WebhookDeliveryStore queue,
    WebhookOutbox outbox,
    WebhookAddressPolicy policy,
    WebhookHttp http,
    TimeProvider clock,
    IOptions<NotificationOptions> options,
    ILogger<WebhookSender> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunSender)
        {
            return;
        }

        var slots = Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => RunSlotAsync(stoppingToken)).Append(RemindAsync(stoppingToken));
        await Task.WhenAll(slots);
    }

    private async Task RunSlotAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivery = await queue.ClaimAsync(_owner, stoppingToken);
                if (delivery is null)
                {
                    await outbox.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }

                await SendAsync(delivery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database went away for a moment: a claimed message comes back when its lease runs out.
                LogSenderFailed(e);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RemindAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.AddClosingRemindersAsync(clock.GetUtcNow().UtcDateTime, stoppingToken) > 0)
                {
                    outbox.Wake();
                }

                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSenderFailed(e);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One attempt: the team's address now, checked again; a 2xx delivers, a 5xx, 408, 429, time-out or lost connection is retried, anything else is final.</summary>
    private async Task SendAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var url = await queue.UrlAsync(delivery.TeamId, stoppingToken);
        if (policy.CheckForm(url, out var uri) is { } refused)
        {
            await queue.FinishAsync(delivery, _owner, delivered: false, retry: false, null,
                url is null ? "The team has no webhook any more, so the message was not sent." : refused, stoppingToken);
            return;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await http.PostAsync(uri!, WebhookBodies.ForHost(delivery.Body, uri!), WebhookHttp.DeliveryIdOf(delivery), attempt.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await queue.FinishAsync(delivery, _owner, delivered: true, retry: false, status, null, stoppingToken);
                return;
            }

            var retry = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            var why = status is >= 300 and < 400
                ? $"The webhook answered with a redirect ({status}), which Portal does not follow; use the final address."
                : $"The webhook answered {status} {response.ReasonPhrase}.";
            await queue.FinishAsync(delivery, _owner, delivered: false, retry, status, why, stoppingToken);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await queue.FinishAsync(delivery, _owner, delivered: false, retry: true, null,
                $"The webhook did not answer within {options.Value.Timeout.TotalSeconds:0.#} seconds.", stoppingToken);
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refusal)
        {
            await queue.FinishAsync(delivery, _owner, delivered: false, retry: false, null, refusal.Message, stoppingToken);
        }
        catch (HttpRequestException e)
        {
            LogAttemptFailed(e, delivery.Id);
            await queue.FinishAsync(delivery, _owner, delivered: false, retry: true, null, $"The webhook could not be reached ({e.HttpRequestError}).", stoppingToken);
        }
    }

    private static WebhookAddressRefusedException? Refusal(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook sender failed; it goes on after a pause")]
    private partial void LogSenderFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook message {DeliveryId} could not be sent")]
    private partial void LogAttemptFailed(Exception e, long deliveryId);
}
