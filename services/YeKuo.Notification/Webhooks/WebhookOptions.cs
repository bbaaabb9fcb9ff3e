namespace YeKuo.Notification.Webhooks;

/// <summary><c>Notification:Webhooks</c>: where partners may point webhooks, and how deliveries are retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>Hosts webhooks may target; empty = any public host. Never loopback or private addresses unless allowed below.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Allow loopback targets (127.0.0.1, ::1, localhost): local runs and tests only.</summary>
    public bool AllowLoopback { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    public int MaxAttempts { get; set; } = 10;

    public int BatchSize { get; set; } = 50;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
