namespace YeKuo.Messaging.Outbox;

public sealed class OutboxRelayOptions
{
    /// <summary>How often the relay looks for unsent rows when nothing woke it (e.g. rows written by another replica).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>First retry delay after a failed publish; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait for one row's broker confirms. A publish in flight while the broker restarts can wait for a confirm
    /// that never comes; past this it counts as failed and is retried (the same MessageId, so receivers discard a copy).
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The outbox health check reports Degraded when the oldest unsent row is older than this.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);
}
