using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// What a document says about one kind of application: the steps of the class's set that do not apply (in every class,
/// or in some), and for 临时用电 its longest duration and when to remind the customer of its end.
/// </summary>
public sealed record KindRule(
    ApplicationKind Kind,
    IReadOnlyList<Step> OmitSteps,
    IReadOnlyDictionary<CustomerClass, IReadOnlyList<Step>> OmitStepsByClass,
    TemporarySupplyRule? TemporarySupply,
    bool IsDefault,
    string Source)
{
    public bool Omits(CustomerClass customerClass, Step step) =>
        OmitSteps.Contains(step) || (OmitStepsByClass.TryGetValue(customerClass, out var steps) && steps.Contains(step));
}

/// <summary>临时用电: at most <see cref="MaxDurationDays"/> calendar days; reminded <see cref="ReminderWorkingDaysBefore"/> working days before its end.</summary>
public sealed record TemporarySupplyRule(int MaxDurationDays, int ReminderWorkingDaysBefore);
