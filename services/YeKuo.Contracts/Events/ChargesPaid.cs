using MassTransit;
using YeKuo.Contracts.Fees;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A payment of an application's charges (the whole balance, item by item), online by the customer or at the counter by
/// a clerk. <see cref="Balance"/> is what remains payable after it (0: settled).
/// </summary>
[MessageUrn("yekuo:charges-paid:v1")]
public sealed record ChargesPaid(
    Guid PaymentId,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    int Revision,
    IReadOnlyList<ItemAmount> Items,
    decimal Amount,
    PaymentChannel Channel,
    string RecordedBy,
    decimal Balance,
    DateTimeOffset PaidAt) : IApplicationEvent;
