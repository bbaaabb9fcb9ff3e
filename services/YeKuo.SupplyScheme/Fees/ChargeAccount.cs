using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using YeKuo.Workflow.Fees;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// An application's charges (收费): opened when the application is accepted, assessed with each 供电方案答复 from the
/// tariff in force that day, paid (online by the customer or at the counter), refunded when the application is withdrawn
/// after paying. Every charge is a tariff item with the tariff's amount; nothing else can be charged.
/// </summary>
public sealed class ChargeAccount
{
    private List<ChargeLine> _lines = [];
    private List<ChargePayment> _payments = [];
    private List<ChargeRefund> _refunds = [];

    private ChargeAccount()
    {
    }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public string CustomerId { get; private set; } = "";

    public string? CustomerManager { get; private set; }

    public CustomerClass CustomerClass { get; private set; }

    public ApplicationKind Kind { get; private set; }

    /// <summary>The time-limit document the application was accepted under: it says whether the class is 三零.</summary>
    public string PolicyVersion { get; private set; } = "";

    /// <summary>The tariff version of the latest assessment; null until the scheme is replied.</summary>
    public string? TariffVersion { get; private set; }

    /// <summary>0 until assessed; each assessment (a revised scheme, an item added on request) the next.</summary>
    public int Revision { get; private set; }

    public DateTimeOffset? AssessedAt { get; private set; }

    /// <summary>The scheme the charges were computed on (what the basis multiplies).</summary>
    public ChargedScheme? Scheme { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public Guid Version { get; private set; }

    public IReadOnlyList<ChargeLine> Lines => _lines;

    public IReadOnlyList<ChargePayment> Payments => _payments;

    public IReadOnlyList<ChargeRefund> Refunds => _refunds;

    public decimal Total => _lines.Sum(l => l.Amount);

    public decimal Paid => _payments.Sum(p => p.Amount);

    public decimal Refunded => _refunds.Sum(r => r.Amount);

    /// <summary>What is still payable (0 when settled or nothing is charged).</summary>
    public decimal Balance => WithdrawnAt is null ? Math.Max(0, Total - Paid + Refunded) : 0;

    public bool IsAssessed => TariffVersion is not null;

    public static ChargeAccount Open(ApplicationAccepted accepted) => new()
    {
        ApplicationId = accepted.ApplicationId,
        ApplicationNumber = accepted.ApplicationNumber,
        CustomerId = accepted.CustomerId,
        CustomerManager = accepted.CustomerManager,
        CustomerClass = accepted.CustomerClass,
        Kind = accepted.Kind,
        PolicyVersion = accepted.PolicyVersion,
        Version = Guid.NewGuid(),
    };

    /// <summary>The charges of a replied scheme (a revision replaces the earlier charges; what was paid stays paid).</summary>
    public ChargesAssessed Assess(Tariff tariff, ChargedScheme scheme, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
            throw new ChargeRuleException($"{ApplicationNumber} was withdrawn: nothing is charged.");
        _lines = tariff.ChargesFor(scheme).ToList();
        return Assessed(tariff, scheme, now);
    }

    /// <summary>
    /// Adds tariff item <paramref name="item"/> at <paramref name="amount"/>: only an item of the tariff the charges were
    /// assessed under that applies to this application (an item on request, e.g. a verification the customer asked for),
    /// at exactly the tariff's amount, and not charged already. Anything else is 乱收费 and refused.
    /// </summary>
    public ChargesAssessed AddCharge(Tariff tariff, string item, decimal amount, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
            throw new ChargeRuleException($"{ApplicationNumber} was withdrawn: nothing is charged.");
        if (Scheme is not { } scheme || TariffVersion != tariff.Id)
            throw new ChargeRuleException($"{ApplicationNumber} has no replied scheme yet: charges are assessed with the 供电方案答复.");
        if (tariff.AllowedCharge(scheme, item) is not { } allowed)
            throw new ChargeRuleException(
                $"'{item}' is not an item of tariff {tariff.Id} for a {Kind.ChineseName()} of class {CustomerClass}"
                + (scheme.ZeroService ? " (三零: nothing is charged)" : "") + ": no charge may be made outside the tariff.", outsideTariff: true);
        if (allowed.Amount != amount)
            throw new ChargeRuleException(
                $"Tariff {tariff.Id} charges {allowed.Name} {allowed.Amount:0.00} 元 ({allowed.UnitAmount:0.00} × {allowed.Quantity:0.###}) for {ApplicationNumber}, not {amount:0.00} 元.",
                outsideTariff: true);
        if (_lines.Any(l => l.Item == item))
            throw new ChargeRuleException($"{allowed.Name} is already charged for {ApplicationNumber}.");
        _lines = [.. _lines, allowed];
        return Assessed(tariff, scheme, now);
    }

    /// <summary>
    /// Pays the whole balance (<paramref name="amount"/> must be it). A payment with a reference already recorded is that
    /// payment (returned, not paid again).
    /// </summary>
    public (ChargePayment Payment, ChargesPaid? Event) Pay(string reference, decimal amount, PaymentChannel channel, string recordedBy, DateTimeOffset now)
    {
        if (_payments.FirstOrDefault(p => p.Reference == reference) is { } earlier)
        {
            return earlier.Amount == amount
                ? (earlier, null)
                : throw new ChargeRuleException($"Payment {reference} was recorded for {earlier.Amount:0.00} 元, not {amount:0.00} 元.");
        }
        if (WithdrawnAt is not null)
            throw new ChargeRuleException($"{ApplicationNumber} was withdrawn: nothing is payable.");
        if (!IsAssessed)
            throw new ChargeRuleException($"{ApplicationNumber} has no charges yet: they are assessed with the 供电方案答复.");
        var balance = Balance;
        if (balance == 0)
            throw new ChargeRuleException($"Nothing is payable for {ApplicationNumber}.");
        if (amount != balance)
            throw new ChargeRuleException($"The balance of {ApplicationNumber} is {balance:0.00} 元: a payment pays it whole.");

        var items = _lines
            .Select(l => new ItemAmount(l.Item, l.Amount - Settled(l.Item)))
            .Where(i => i.Amount > 0)
            .ToArray();
        var payment = new ChargePayment(Guid.NewGuid(), reference, Revision, items, amount, channel, recordedBy, now);
        _payments = [.. _payments, payment];
        Version = Guid.NewGuid();
        return (payment, new ChargesPaid(payment.Id, ApplicationId, ApplicationNumber, CustomerId, Revision, items, amount, channel, recordedBy, 0m, now));
    }

    /// <summary>The application was withdrawn: what was paid (and not refunded yet) is refunded, item by item; null when nothing was paid.</summary>
    public ChargesRefunded? Withdraw(string reason, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
            return null;
        WithdrawnAt = now;
        Version = Guid.NewGuid();
        var items = _payments.SelectMany(p => p.Items).Select(i => i.Item).Distinct()
            .Select(item => new ItemAmount(item,
                _payments.SelectMany(p => p.Items).Where(i => i.Item == item).Sum(i => i.Amount)
                - _refunds.SelectMany(r => r.Items).Where(i => i.Item == item).Sum(i => i.Amount)))
            .Where(i => i.Amount > 0)
            .ToArray();
        if (items.Length == 0)
            return null;
        var refund = new ChargeRefund(Guid.NewGuid(), items, items.Sum(i => i.Amount), $"客户撤回: {reason}", now);
        _refunds = [.. _refunds, refund];
        return new ChargesRefunded(refund.Id, ApplicationId, ApplicationNumber, CustomerId, items, refund.Amount, refund.Reason, now);
    }

    /// <summary>What was paid for an item, less what was refunded.</summary>
    private decimal Settled(string item) =>
        _payments.SelectMany(p => p.Items).Where(i => i.Item == item).Sum(i => i.Amount)
        - _refunds.SelectMany(r => r.Items).Where(i => i.Item == item).Sum(i => i.Amount);

    private ChargesAssessed Assessed(Tariff tariff, ChargedScheme scheme, DateTimeOffset now)
    {
        TariffVersion = tariff.Id;
        Scheme = scheme;
        Revision++;
        AssessedAt = now;
        Version = Guid.NewGuid();
        return new ChargesAssessed(ApplicationId, ApplicationNumber, CustomerId, CustomerClass, Kind, tariff.Id, Revision, _lines.ToArray(), Total, now);
    }
}
