namespace YeKuo.SupplyScheme.Fees;

/// <summary>A charge, payment or refund the rules do not allow now (answered 409 or 422 with the reason).</summary>
public sealed class ChargeRuleException(string message, bool outsideTariff = false) : Exception(message)
{
    /// <summary>The request asked for a charge the tariff does not give (乱收费): refused as 422.</summary>
    public bool OutsideTariff { get; } = outsideTariff;
}
