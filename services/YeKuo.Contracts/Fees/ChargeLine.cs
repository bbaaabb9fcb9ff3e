namespace YeKuo.Contracts.Fees;

/// <summary>
/// One charge of an application, as the tariff computes it: <c>Amount = UnitAmount × Quantity</c> (rounded to the fen),
/// with the tariff item it rests on.
/// </summary>
/// <param name="Item">The tariff item's code (e.g. <c>HighReliabilitySupply</c>).</param>
/// <param name="Name">Its Chinese name (高可靠性供电费).</param>
/// <param name="Quantity">kVA, meters, or 1 for a fixed item.</param>
/// <param name="UnitAmount">元 per unit of the basis.</param>
/// <param name="Source">The document the item rests on, as the tariff cites it.</param>
/// <param name="CompanyConfigured">The amount is the company's configuration, not from a published document.</param>
public sealed record ChargeLine(
    string Item,
    string Name,
    ChargeBasis Basis,
    decimal Quantity,
    decimal UnitAmount,
    decimal Amount,
    string Source,
    bool CompanyConfigured);

/// <summary>An amount of one item (paid or refunded).</summary>
public sealed record ItemAmount(string Item, decimal Amount);
