namespace YeKuo.Messaging.Inbox;

/// <summary>A message a consumer has already handled; written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
