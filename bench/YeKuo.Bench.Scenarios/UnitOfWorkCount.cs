namespace YeKuo.Bench.Scenarios;

/// <summary>
/// Rows one service wrote during a drive to its outbox (one per event, by message type) or its inbox (one per committed
/// consume, by consumer).
/// </summary>
public sealed record UnitOfWorkCount(string Service, string Table, string Name, long Rows)
{
    public const string Outbox = "OutboxMessages";
    public const string Inbox = "InboxMessages";

    private const string UrnPrefix = "urn:message:";

    /// <summary>The message type without MassTransit's URN prefix (<c>urn:message:yekuo:step-completed:v2</c> → <c>yekuo:step-completed:v2</c>), or the consumer.</summary>
    public string ShortName => Name.StartsWith(UrnPrefix, StringComparison.Ordinal) ? Name[UrnPrefix.Length..] : Name;
}
