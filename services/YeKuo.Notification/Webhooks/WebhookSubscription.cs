using System.Security.Cryptography;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// A partner's webhook: the URL CloudEvents of the chosen types are POSTed to, signed with the subscription's secret
/// (HMAC-SHA256). The secret is shown once, when the subscription is created; it is stored because every delivery
/// is signed with it.
/// </summary>
public sealed class WebhookSubscription
{
    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Who created it (the token's subject); only they see and delete it.</summary>
    public string Owner { get; private set; } = "";

    public string Url { get; private set; } = "";

    public IReadOnlyList<string> EventTypes { get; private set; } = [];

    public string Secret { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static WebhookSubscription Create(string owner, Uri url, IEnumerable<string> eventTypes, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Owner = owner,
        Url = url.ToString(),
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        Secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = now,
    };

    public bool Wants(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One CloudEvent for one subscription, retried with exponential backoff until the receiver answers 2xx.</summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The CloudEvent id (unique per subscription: a redelivered internal event is not sent twice).</summary>
    public string EventId { get; private set; } = "";

    public string EventType { get; private set; } = "";

    public string Subject { get; private set; } = "";

    /// <summary>The exact body sent (and signed) on every attempt.</summary>
    public string Body { get; private set; } = "";

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public IReadOnlyList<WebhookAttempt> AttemptLog => _attempts;

    public static WebhookDelivery Create(Guid subscriptionId, string eventId, string eventType, string subject, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubscriptionId = subscriptionId,
        EventId = eventId,
        EventType = eventType,
        Subject = subject,
        Body = body,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void Succeeded(int statusCode, DateTimeOffset at, TimeSpan took)
    {
        Record(at, statusCode, null, took);
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = at;
        LastError = null;
    }

    /// <summary>A failed attempt: next try after <paramref name="initialBackoff"/> · 2^(attempts-1) (capped), or give up.</summary>
    public void AttemptFailed(int? statusCode, string error, DateTimeOffset at, TimeSpan took, TimeSpan initialBackoff, TimeSpan maxBackoff, int maxAttempts)
    {
        Record(at, statusCode, error, took);
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
            return;
        }
        var delay = TimeSpan.FromTicks(Math.Min(maxBackoff.Ticks, initialBackoff.Ticks * (1L << Math.Min(Attempts - 1, 30))));
        NextAttemptAt = at + delay;
    }

    private void Record(DateTimeOffset at, int? statusCode, string? error, TimeSpan took)
    {
        Attempts++;
        LastStatusCode = statusCode;
        _attempts.Add(new WebhookAttempt
        {
            Id = Guid.CreateVersion7(at),
            DeliveryId = Id,
            Number = Attempts,
            At = at,
            StatusCode = statusCode,
            Error = error is { Length: > 500 } ? error[..500] : error,
            DurationMs = (int)Math.Min(int.MaxValue, took.TotalMilliseconds),
        });
    }
}

/// <summary>One POST of a delivery (the delivery log).</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public int DurationMs { get; set; }
}
