namespace YeKuo.Messaging.Outbox;

/// <summary>
/// An event waiting to be published, stored in the same transaction as the state change that caused it.
/// <see cref="MessageId"/> becomes the MassTransit MessageId, so a re-publish after a crash is recognised by the
/// receivers' inbox. The row's partner CloudEvents are built from it when it is published and it is stamped sent once they
/// are confirmed too; a row whose <see cref="MessageType"/> is a CloudEvents type holds one partner event whole (written so
/// by earlier versions, which stored each as a row of its own) and is published as it is.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    public Guid MessageId { get; set; }

    /// <summary>The contract's message URN (see <c>YeKuo.Contracts.Messages</c>).</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>The application the event is about, for ordering diagnostics and the platform view.</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary>W3C trace context of the request or message that caused the event; the publish span continues it.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The event object itself while the row is new in this process (not stored): the publish right after the
    /// commit sends it without reading the body back.</summary>
    internal object? Event { get; set; }

    /// <summary>A partner CloudEvent stored whole (an earlier version's row) rather than an internal event.</summary>
    internal bool IsPartnerEvent => MessageType.StartsWith(PartnerEvents.PartnerEventMapper.Prefix, StringComparison.Ordinal);
}
