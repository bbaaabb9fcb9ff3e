using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One department clock of an application's plan: it starts as <see cref="Start"/> says (right before its first step)
/// and stops when <see cref="Owner"/> completes, e.g. 现场勘查 + 供电方案答复 under the 方案答复 limit, starting at
/// acceptance. <see cref="Excluded"/> are customer steps inside its span whose time is taken out (接入系统设计).
/// </summary>
/// <param name="Judged">A node the class's assessment judges on its own (高压); false for a low-voltage span's clocks.</param>
public sealed record ClockGroup(
    CustomerClass Class,
    Step Owner,
    IReadOnlyList<Step> Steps,
    IReadOnlyList<Step> Excluded,
    int LimitWorkingDays,
    ClockStart Start,
    bool Judged,
    bool IsDefault);
