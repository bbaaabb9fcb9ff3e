using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One step's rule in a time-limit document. A department step either has its own clock (<see cref="LimitWorkingDays"/>
/// and its <see cref="Start"/> rule) or runs on another step's (<see cref="SharesClockWith"/>: the document's, or else the
/// step catalogue's clock group, e.g. 现场勘查 on the 供电方案答复 clock). A customer step (the catalogue's
/// <see cref="StepActor.Customer"/>) has neither: its time is tracked, never judged.
/// </summary>
/// <param name="MinVoltageKv">The step applies only from this supply voltage up (e.g. 接入系统设计 from 110 kV).</param>
/// <param name="IsDefault">True when the number is a configurable default, not from a published document.</param>
public sealed record StepTimeLimit(
    CustomerClass Class,
    Step Step,
    int? LimitWorkingDays,
    Step? SharesClockWith,
    ClockStart? Start,
    decimal? MinVoltageKv,
    bool IsDefault,
    string Source)
{
    public bool HasOwnClock => LimitWorkingDays is not null;

    public bool IsCustomerTime => StepCatalogue.Of(Step).IsCustomerStep;
}
