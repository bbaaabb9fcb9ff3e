using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One step's rule in a time-limit document. A step either has its own clock (<see cref="LimitWorkingDays"/>),
/// shares another step's clock (<see cref="SharesClockWith"/>, e.g. 现场勘查 runs on the 供电方案答复 clock), or is
/// customer time with no limit (客户确认方案: tracked, not judged).
/// </summary>
/// <param name="Judged">Whether the step counts toward 按时办结 (on-time verdict).</param>
/// <param name="IsDefault">True when the number is a configurable default, not from a published document.</param>
public sealed record StepTimeLimit(
    CustomerClass Class,
    Step Step,
    int? LimitWorkingDays,
    Step? SharesClockWith,
    bool Judged,
    bool IsCustomerTime,
    bool IsDefault,
    string Source)
{
    public bool HasOwnClock => LimitWorkingDays is not null;
}
