using YeKuo.Contracts.Fees;

namespace YeKuo.Acceptance.Fees;

public enum ChargeEntryKind
{
    /// <summary>核定: an item as assessed in one revision (the latest revision counts).</summary>
    Assessed,

    /// <summary>缴费: an item's share of a payment.</summary>
    Paid,

    /// <summary>退费: an item's share of a refund.</summary>
    Refunded,
}

/// <summary>
/// One line of an application's charges record: an item assessed (per revision), paid or refunded (per payment or refund).
/// Keyed by what it records, so copies and any order of the events give the same record.
/// </summary>
public sealed class ChargeEntry
{
    public Guid ApplicationId { get; set; }

    public ChargeEntryKind Kind { get; set; }

    /// <summary>The assessment's revision; 0 for payments and refunds.</summary>
    public int Revision { get; set; }

    /// <summary>The payment or refund id; <see cref="Guid.Empty"/> for an assessment.</summary>
    public Guid MovementId { get; set; }

    public string Item { get; set; } = "";

    public string? Name { get; set; }

    public ChargeBasis? Basis { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? UnitAmount { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset At { get; set; }
}
