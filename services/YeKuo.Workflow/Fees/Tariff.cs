using YeKuo.Contracts.Fees;

namespace YeKuo.Workflow.Fees;

/// <summary>
/// One version of the tariff (<c>tariff.json</c>): its items, in force from <see cref="EffectiveFrom"/> (to
/// <see cref="EffectiveTo"/>). 三零 classes pay nothing (<see cref="ZeroServiceSource"/> says why); no other charge exists.
/// </summary>
public sealed class Tariff(string id, string title, DateOnly effectiveFrom, DateOnly? effectiveTo, string zeroServiceSource, IReadOnlyList<TariffItem> items)
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    public DateOnly? EffectiveTo { get; } = effectiveTo;

    public string ZeroServiceSource { get; } = zeroServiceSource;

    public IReadOnlyList<TariffItem> Items { get; } = items;

    public TariffItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The charges made with a scheme reply: every item (not on request) that applies to its kind and class; none for 三零.</summary>
    public IReadOnlyList<ChargeLine> ChargesFor(ChargedScheme scheme) =>
        Applicable(scheme).Where(i => !i.OnRequest).Select(i => i.ChargeFor(scheme)).ToArray();

    /// <summary>
    /// The charge the tariff allows for item <paramref name="code"/> on <paramref name="scheme"/> (an item on request, or
    /// one made with the reply), or null: the item does not exist in this version, does not apply to the kind and class, or
    /// the class is 三零. Charging anything else is 乱收费.
    /// </summary>
    public ChargeLine? AllowedCharge(ChargedScheme scheme, string code) =>
        Applicable(scheme).FirstOrDefault(i => i.Code == code)?.ChargeFor(scheme);

    private IEnumerable<TariffItem> Applicable(ChargedScheme scheme) =>
        scheme.ZeroService ? [] : Items.Where(i => i.AppliesTo(scheme.Kind, scheme.CustomerClass));
}
