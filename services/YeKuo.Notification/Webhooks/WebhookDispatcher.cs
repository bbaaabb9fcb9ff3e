using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Notification.Infrastructure;
using YeKuo.ServiceDefaults.Hosting;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// Polls pending webhook deliveries and POSTs them: body = the CloudEvent (structured mode,
/// <c>application/cloudevents+json</c>), <c>X-YeKuo-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body with the
/// subscription's secret&gt;</c>, <c>X-YeKuo-Delivery</c> (the delivery id, the same on every retry),
/// <c>X-YeKuo-Timestamp</c> (Unix seconds of this attempt). 2xx = delivered; anything else (or no answer) is retried with
/// exponential backoff up to <see cref="WebhookOptions.MaxAttempts"/>. Every attempt is logged for the delivery log.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, WebhookConnector connector, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : RecurringPass(time, logger)
{
    public const string SignatureHeader = "X-YeKuo-Signature";
    public const string DeliveryHeader = "X-YeKuo-Delivery";
    public const string TimestampHeader = "X-YeKuo-Timestamp";

    // Our own client: the default resilience handler would retry behind the delivery log's back. No proxy and no
    // redirects (a redirect would lead past the connect check's judgement of the host); every connection goes through
    // the connector, which checks the address it connects to.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = options.Value.RequestTimeout,
        ConnectCallback = connector.ConnectAsync,
    })
    {
        Timeout = options.Value.RequestTimeout,
    };

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string PassName => "delivery of webhooks";

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        // A full batch: more may be due. A failed attempt waits for its backoff, not for this loop.
        var settings = options.Value;
        while (await DeliverBatchAsync(settings, cancellationToken) == settings.BatchSize)
        {
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    internal async Task<int> DeliverBatchAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var now = Time.GetUtcNow();
        var due = await db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        foreach (var orphan in due.Where(d => !subscriptions.ContainsKey(d.SubscriptionId)))
        {
            orphan.AttemptFailed(null, "The subscription was deleted.", now, TimeSpan.Zero, settings.InitialBackoff, settings.MaxBackoff, maxAttempts: 0);
        }
        await Task.WhenAll(due.Where(d => subscriptions.ContainsKey(d.SubscriptionId))
            .Select(delivery => SendAsync(delivery, subscriptions[delivery.SubscriptionId], settings, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    private async Task SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var started = Time.GetTimestamp();
        var at = Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(CloudEventPublisher.ContentType) { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(subscription.Secret, body));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(TimestampHeader, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("ce-id", delivery.EventId);
        request.Headers.Add("ce-type", delivery.EventType);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var took = Time.GetElapsedTime(started);
            if (response.IsSuccessStatusCode)
            {
                delivery.Succeeded((int)response.StatusCode, at, took);
                return;
            }
            delivery.AttemptFailed((int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", at, took,
                settings.InitialBackoff, settings.MaxBackoff, settings.MaxAttempts);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The partner sees one of two sentences: which port answered, refused or timed out is not theirs to learn.
            var refused = Causes(ex).Any(e => e is WebhookTargetRefusedException);
            delivery.AttemptFailed(null, refused ? WebhookAttemptErrors.RefusedTarget : WebhookAttemptErrors.NoAnswer, at, Time.GetElapsedTime(started), settings.InitialBackoff, settings.MaxBackoff, settings.MaxAttempts);
            LogAttemptError(Logger, ex, delivery.Id, subscription.Url);
        }
        if (delivery.Status == WebhookDeliveryStatus.Failed)
        {
            LogGaveUp(Logger, delivery.Id, subscription.Url, delivery.Attempts, delivery.LastError);
        }
        else
        {
            LogAttemptFailed(Logger, delivery.Id, subscription.Url, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt);
        }
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary><c>sha256=&lt;lower-case hex HMAC-SHA256(secret, body)&gt;</c>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to {Url}: the attempt failed")]
    private static partial void LogAttemptError(ILogger logger, Exception exception, Guid deliveryId, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to {Url} failed (attempt {Attempts}: {Error}); next try at {NextAttemptAt}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, string url, int attempts, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url} gave up after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string url, int attempts, string? error);
}
