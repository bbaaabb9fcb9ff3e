using YeKuo.Contracts.Fees;

namespace YeKuo.Acceptance.Fees;

/// <summary>One item of an application's charges: as assessed (latest revision), paid and refunded.</summary>
public sealed record ItemCost(
    string Item, string? Name, ChargeBasis? Basis, decimal? Quantity, decimal? UnitAmount, decimal Assessed, decimal Paid, decimal Refunded);

/// <summary>
/// What an application cost the customer (its charges by the tariff), as recorded from the fee events. Not assessed yet:
/// <see cref="TariffVersion"/> is null and every figure 0. <see cref="Net"/> = paid − refunded; <see cref="Balance"/> = what
/// is still payable (assessed − paid + refunded, never below 0 while not withdrawn).
/// </summary>
/// <param name="CompanyCost">The company's 业务办理成本 where recorded; null: not recorded.</param>
public sealed record ApplicationCost(
    Guid ApplicationId,
    string? TariffVersion,
    int? Revision,
    DateTimeOffset? AssessedAt,
    IReadOnlyList<ItemCost> Items,
    decimal Assessed,
    decimal Paid,
    decimal Refunded,
    decimal? CompanyCost = null)
{
    public bool IsAssessed => TariffVersion is not null;

    public decimal Net => Paid - Refunded;

    public decimal Balance => Assessed - Paid + Refunded;

    public static ApplicationCost NotAssessed(Guid applicationId) => new(applicationId, null, null, null, [], 0, 0, 0);
}
