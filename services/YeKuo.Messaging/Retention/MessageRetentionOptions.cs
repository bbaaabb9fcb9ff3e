namespace YeKuo.Messaging.Retention;

/// <summary><c>Retention</c>: how long a service keeps the messages it has finished with (sent events, handled message ids).</summary>
public sealed class MessageRetentionOptions
{
    /// <summary>Whether old rows are deleted at all (off keeps every row, e.g. while an incident is investigated).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Outbox rows the broker confirmed this long ago are deleted. Nothing publishes them again; they stay a week for
    /// whoever asks which events left a service and when.
    /// </summary>
    public TimeSpan KeepSentEventsFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Inbox rows (a message id a consumer handled) older than this are deleted. A copy of a message comes within minutes
    /// (the broker's redelivery, the relay publishing again a row whose sent stamp was lost); one later than this could
    /// only come from restoring another service's backup older than this, and would be handled again.
    /// </summary>
    public TimeSpan KeepHandledMessagesFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The wait between passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait from start to the first pass.</summary>
    public TimeSpan FirstPassAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows per delete statement, so that writers wait for the database's write lock only briefly.</summary>
    public int BatchSize { get; set; } = 1000;
}
