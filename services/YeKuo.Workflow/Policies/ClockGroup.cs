using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One judged or tracked clock of an application: it starts when the first of <see cref="Steps"/> starts and stops
/// when <see cref="Owner"/> completes (e.g. 现场勘查 + 供电方案答复 under the 方案答复 limit, starting at acceptance).
/// </summary>
public sealed record ClockGroup(CustomerClass Class, Step Owner, IReadOnlyList<Step> Steps, int LimitWorkingDays, bool Judged, bool IsDefault);
