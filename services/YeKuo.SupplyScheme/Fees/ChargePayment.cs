using YeKuo.Contracts.Fees;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// A payment of the whole balance, item by item. <see cref="Reference"/> is the payment's own reference (the online
/// transaction number, the counter's receipt number): the same reference is the same payment, so a repeated request
/// does not pay twice.
/// </summary>
public sealed record ChargePayment(
    Guid Id, string Reference, int Revision, IReadOnlyList<ItemAmount> Items, decimal Amount, PaymentChannel Channel, string RecordedBy, DateTimeOffset PaidAt);

/// <summary>A refund of what was paid, item by item (the application was withdrawn).</summary>
public sealed record ChargeRefund(Guid Id, IReadOnlyList<ItemAmount> Items, decimal Amount, string Reason, DateTimeOffset RefundedAt);
