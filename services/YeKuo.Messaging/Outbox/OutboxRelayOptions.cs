namespace YeKuo.Messaging.Outbox;

public sealed class OutboxRelayOptions
{
    /// <summary>How often the relay looks for rows left unsent (a crash, a broker outage, another replica's rows).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Age of an unsent row before the relay takes it: until then it belongs to the publish right after its commit (in
    /// this process or another replica's). Longer than <see cref="DirectPublishTimeout"/>, so a slow confirm is not
    /// published twice by two processes.
    /// </summary>
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Longest wait of a request or consumer for the confirm of the events it has just committed; past it the relay
    /// takes over, and for a few seconds commits do not wait for the broker at all.
    /// </summary>
    public TimeSpan DirectPublishTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long the ledger gathers broker confirms before it writes their <c>SentAt</c> stamps, all in one write: a stamp
    /// is a commit of its own (with its fsync), and one per moment costs less than one per confirm. A row not yet stamped
    /// is only published again after a crash (same message id, discarded by receivers); keep this well below
    /// <see cref="RelayAfter"/>. Zero writes as soon as a confirm is in.
    /// </summary>
    public TimeSpan StampGathering { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>First retry delay after a failed publish; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait for one row's broker confirm in the relay. A publish in flight while the broker restarts can wait for
    /// a confirm that never comes; past this it counts as failed and is retried (the same MessageId, so receivers discard
    /// a copy).
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The outbox health check reports Degraded when the oldest unsent row is older than this.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);
}
