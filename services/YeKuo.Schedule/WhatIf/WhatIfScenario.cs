using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Schedule.WhatIf;

/// <summary>
/// Another set of rules to replay history under. Anything left null keeps what each application had: the time-limit
/// document it was accepted under, the meeting rule of the history's calendar, the reviewers' time.
/// </summary>
/// <param name="Name">Shown in reports and CSV.</param>
/// <param name="Policy">Judge every application by this document (e.g. another version) instead of its own.</param>
/// <param name="LimitOverrides">Limits per step (working days) on top of the document, for every class that has the step's clock.</param>
/// <param name="WarningThresholds">预警 levels as shares of the allowed time (default 50 % and 80 %).</param>
/// <param name="Meeting">Another weekday or frequency for the 方案审查会.</param>
/// <param name="Reviewers">More reviewer days for the scheme reviews.</param>
public sealed record WhatIfScenario(
    string Name,
    TimeLimitPolicy? Policy = null,
    IReadOnlyDictionary<Step, int>? LimitOverrides = null,
    IReadOnlyList<double>? WarningThresholds = null,
    MeetingRule? Meeting = null,
    ReviewCapacity? Reviewers = null)
{
    public static IReadOnlyList<double> DefaultWarningThresholds { get; } = [0.5, 0.8];

    /// <summary>The rules as they were.</summary>
    public static WhatIfScenario Baseline { get; } = new("baseline");

    public IReadOnlyList<double> Thresholds => WarningThresholds ?? DefaultWarningThresholds;
}
