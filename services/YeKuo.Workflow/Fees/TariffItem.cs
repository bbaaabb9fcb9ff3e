using YeKuo.Contracts;
using YeKuo.Contracts.Fees;

namespace YeKuo.Workflow.Fees;

/// <summary>One item of a tariff version: what it is, its basis and amount, and the kinds and classes it applies to.</summary>
/// <param name="Amount">元 per unit of <paramref name="Basis"/>.</param>
/// <param name="CompanyConfigured">The amount is the company's configuration, not from a published document.</param>
/// <param name="Source">The document the item rests on.</param>
/// <param name="OnRequest">Charged only when staff add it for a service the customer asked for (not with every scheme reply).</param>
public sealed record TariffItem(
    string Code,
    string Name,
    string EnglishName,
    ChargeBasis Basis,
    decimal Amount,
    IReadOnlyList<ApplicationKind> Kinds,
    IReadOnlyList<CustomerClass> Classes,
    bool CompanyConfigured,
    string Source,
    bool OnRequest = false)
{
    public bool AppliesTo(ApplicationKind kind, CustomerClass customerClass) => Kinds.Contains(kind) && Classes.Contains(customerClass);

    /// <summary>The item's charge for a scheme: the amount times the basis's quantity, rounded to the fen.</summary>
    public ChargeLine ChargeFor(ChargedScheme scheme)
    {
        var quantity = Basis switch
        {
            ChargeBasis.PerKva => scheme.CapacityKva,
            ChargeBasis.PerMeter => scheme.Meters,
            ChargeBasis.Fixed => 1m,
            _ => throw new ArgumentOutOfRangeException(nameof(Basis), Basis, "Unknown charge basis."),
        };
        return new ChargeLine(Code, Name, Basis, quantity, Amount, Math.Round(Amount * quantity, 2, MidpointRounding.AwayFromZero), Source, CompanyConfigured);
    }
}

/// <summary>What the tariff charges on: the application and its replied scheme.</summary>
/// <param name="ZeroService">The class has 三零 service under the application's time-limit document (nothing is charged).</param>
/// <param name="CapacityKva">The replied capacity (for 增容 the increase).</param>
/// <param name="Meters">Metering points: one per supply source.</param>
public sealed record ChargedScheme(ApplicationKind Kind, CustomerClass CustomerClass, bool ZeroService, decimal CapacityKva, int Meters);
