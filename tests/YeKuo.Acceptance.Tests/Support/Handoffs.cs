using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Policies;

namespace YeKuo.Tests.Support;

/// <summary>
/// The events other departments publish about one application, for the component tests of the department services.
/// The plan comes from the current time-limit document, as Acceptance would send it.
/// </summary>
/// <param name="plan">The application's plan; by default the class's 新装 at its lowest voltage.</param>
public sealed class Handoffs(CustomerClass customerClass = CustomerClass.HighVoltageSingleSource, IReadOnlyList<Step>? plan = null)
{
    public const string PolicyVersion = "YK-TL-2024";

    public Guid ApplicationId { get; } = Guid.NewGuid();

    public string ApplicationNumber { get; } = $"YK20260302{Random.Shared.Next(1_000_000):D6}";

    public string CustomerId { get; } = $"cust-{Guid.NewGuid():N}"[..16];

    public CustomerClass CustomerClass => customerClass;

    public IReadOnlyList<Step> Plan { get; } = plan ?? TimeLimitPolicyBook.LoadDefault().ForVersion(PolicyVersion).StepsFor(customerClass);

    /// <summary>Another department's (or this one's) completion of <paramref name="step"/>, opened and completed at the given instants.</summary>
    public StepCompleted Completed(
        Step step, DateTimeOffset openedAt, DateTimeOffset completedAt, int round = 1,
        StepOutcome? outcome = null, Guid? workItemId = null) =>
        new(workItemId ?? Guid.NewGuid(), ApplicationId, ApplicationNumber, CustomerId, customerClass, PolicyVersion,
            step, StepCatalogue.Of(step).Responsible, round, "staff-elsewhere", openedAt, completedAt, null, Plan,
            outcome ?? TestOutcomes.For(step));

    /// <summary>受理's acceptance, as the other departments receive it (SupplyScheme opens the charge account from it).</summary>
    public ApplicationAccepted Accepted(DateTimeOffset at, ApplicationKind kind = ApplicationKind.NewConnection, string manager = "cm-zhang") =>
        new(ApplicationId, ApplicationNumber, CustomerId, customerClass, 800m, 10m, customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1,
            PolicyVersion, Plan, manager, at, kind);

    /// <summary>The charges 供电方案 assessed with the reply (<paramref name="total"/> 0: nothing payable).</summary>
    public ChargesAssessed Assessed(decimal total, DateTimeOffset at, int revision = 1) =>
        new(ApplicationId, ApplicationNumber, CustomerId, customerClass, ApplicationKind.NewConnection, "YK-FEE-2024", revision,
            total == 0 ? [] : [new YeKuo.Contracts.Fees.ChargeLine("MeteringDevice", "计量装置费", YeKuo.Contracts.Fees.ChargeBasis.PerMeter, 1, total, total, "the company's configuration", true)],
            total, at);

    /// <summary>The whole balance paid (online by the customer).</summary>
    public ChargesPaid Paid(decimal amount, DateTimeOffset at, int revision = 1) =>
        new(Guid.NewGuid(), ApplicationId, ApplicationNumber, CustomerId, revision, [new("MeteringDevice", amount)], amount,
            YeKuo.Contracts.Fees.PaymentChannel.Online, CustomerId, 0m, at);

    public ApplicationWithdrawn Withdrawn(DateTimeOffset at, string reason = "项目取消") =>
        new(ApplicationId, ApplicationNumber, CustomerId, reason, at);
}
