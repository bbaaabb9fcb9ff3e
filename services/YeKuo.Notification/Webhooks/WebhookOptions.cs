namespace YeKuo.Notification.Webhooks;

/// <summary><c>Notification:Webhooks</c>: where partners may point webhooks, and how deliveries are retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>Hosts webhooks may target; empty = any public host. Never loopback or private addresses unless allowed below.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Allow loopback targets (127.0.0.0/8, ::1, localhost names): local runs and tests only (refused outside Development).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Allow private targets (10/8, 172.16/12, 192.168/16, fc00::/7, and single-label or <c>.internal</c>-style names):
    /// only where partners really sit on a private network with the service. Link-local, shared (100.64/10),
    /// unspecified, multicast and reserved addresses and metadata names are never allowed.
    /// </summary>
    public bool AllowPrivate { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    public int MaxAttempts { get; set; } = 10;

    public int BatchSize { get; set; } = 50;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
