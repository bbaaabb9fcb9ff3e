using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// When a clock starts (the document's start rule, e.g. 设计审查 "自受理客户设计文件之日起"): when <see cref="After"/>
/// completes (a customer's request, the acceptance, a passed check), or at submission when it is null. In every plan the
/// step named comes right before the clock's first step, so the customer's own time before it is never on the clock.
/// </summary>
/// <param name="Rule">The document's words for the start.</param>
public sealed record ClockStart(Step? After, string Rule);
