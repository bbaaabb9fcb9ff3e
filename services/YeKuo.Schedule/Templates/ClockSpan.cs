using YeKuo.Contracts;

namespace YeKuo.Schedule.Templates;

/// <summary>
/// Where a department clock (a <see cref="YeKuo.Workflow.Policies.ClockGroup"/> of the time-limit policy, keyed by its
/// owner step) lies on the network: it starts when <see cref="StartsWhenReady"/> is handed the work (its predecessors
/// done: 方案答复 at acceptance, 装表接电 once inspection passed and contract and fees are done) and stops when
/// <see cref="EndsWithFinishOf"/> finishes; the customer-time activities in <see cref="PausedBy"/> (整改) pause it.
/// </summary>
public sealed record ClockSpan(Step Owner, string StartsWhenReady, string EndsWithFinishOf, IReadOnlyList<string> PausedBy);
