using MassTransit;
using YeKuo.Contracts.Fees;

namespace YeKuo.Contracts.Events;

/// <summary>What was paid for an application is refunded, item by item (the application was withdrawn after paying).</summary>
[MessageUrn("yekuo:charges-refunded:v1")]
public sealed record ChargesRefunded(
    Guid RefundId,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    IReadOnlyList<ItemAmount> Items,
    decimal Amount,
    string Reason,
    DateTimeOffset RefundedAt) : IApplicationEvent;
