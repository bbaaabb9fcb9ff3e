namespace YeKuo.Acceptance.Progress;

public sealed record ShiftedStep(string Activity, int PlannedEarliestStart, int NewEarliestStart, int Shift);

/// <summary>
/// One activity of the application's schedule network (seed 004's 业扩工程网络图): a company step or a part of one (one
/// department's review inside 供电方案答复), or the customer's own activity (design, construction, 整改, payment).
/// ES/EF/LS/LF and the floats are the live re-plan's, in working days from the day the application was submitted (a done
/// activity keeps its actual start and finish); <c>Planned*</c> are the original plan's. Deviation = actual − planned
/// working days, read on the original plan alone (does it delay the job, by how much, does it move the successors).
/// </summary>
/// <param name="Steps">The step whose rounds it is read from (empty when no service records it: 缴纳费用, 外线工程).</param>
/// <param name="Department">The department doing it, or Customer.</param>
/// <param name="State">done, inProgress or notStarted.</param>
/// <param name="Inferred">Its dates are not recorded as such: inside a step recorded as a whole, or done because what follows started.</param>
public sealed record StepDeviation(
    string Activity,
    string Name,
    IReadOnlyList<string> Steps,
    string Department,
    bool Judged,
    int PlannedWorkingDays,
    int? ActualWorkingDays,
    int? Deviation,
    int EarliestStart,
    int EarliestFinish,
    int LatestStart,
    int LatestFinish,
    int TotalFloat,
    int FreeFloat,
    bool Critical,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double PausedHours,
    bool? DelaysJob,
    int? JobDelayWorkingDays,
    bool? MovesSuccessors,
    IReadOnlyList<ShiftedStep> ShiftedSuccessors,
    bool? BecomesCritical,
    string Reading)
{
    public string State { get; init; } = "notStarted";

    public bool CustomerTime { get; init; }

    public bool Inferred { get; init; }

    public IReadOnlyList<string> Predecessors { get; init; } = [];

    public int PlannedEarliestStart { get; init; }

    public int PlannedEarliestFinish { get; init; }

    public int PlannedTotalFloat { get; init; }

    public int PlannedFreeFloat { get; init; }

    public DateOnly PlannedStart { get; init; }

    public DateOnly PlannedFinish { get; init; }

    /// <summary>The actual start and finish when done, the re-plan's otherwise.</summary>
    public DateOnly Start { get; init; }

    public DateOnly Finish { get; init; }

    /// <summary>Days a 方案审查会 activity waits for its sitting.</summary>
    public int MeetingWait { get; init; }
}

/// <summary>
/// Customer time as the customer's own waits: the customer's steps (客户确认方案, 提交设计文件 after designing, 申请中间检查 and
/// 竣工报验 after building, each re-check request after 整改), and any other wait between department steps. An ongoing
/// wait has no <see cref="To"/> and counts up to now. (The same time is on the network as the customer's activities.)
/// </summary>
/// <param name="What">The customer step (or "A->B" for a wait between two department steps).</param>
public sealed record CustomerWait(string What, string Name, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays)
{
    public int Round { get; init; } = 1;

    public bool Ongoing => To is null;

    /// <summary>Calendar days, for the Gantt chart's customer bars.</summary>
    public double? Days { get; init; }
}

/// <summary>The predicted power-on (装表接电) day of an open application: P50 and P90, with the plan's for comparison.</summary>
/// <param name="Source"><c>history</c> (the database's finished applications) or <c>priors</c> (history too thin yet).</param>
/// <param name="Note">Where the durations came from, in words.</param>
/// <param name="AssumedYears">Years of the dates computed without a published holiday notice: provisional.</param>
public sealed record PowerOnForecastView(
    DateOnly P50,
    DateOnly P90,
    DateOnly Planned,
    int P50WorkingDaysLeft,
    int P90WorkingDaysLeft,
    string Source,
    int HistoryApplications,
    string Note,
    DateOnly AsOf,
    IReadOnlyList<int> AssumedYears);

/// <summary>
/// 进度偏差分析 (seed 004) of one application on its schedule network: plan vs actual per activity, the re-plan at the
/// status date (修改原业扩进度计划) with its critical path and floats, the customer's waits, and the power-on forecast.
/// </summary>
public sealed record DeviationReport(
    Guid ApplicationId,
    string? PolicyVersion,
    int PlannedDurationWorkingDays,
    int ForecastDurationWorkingDays,
    int JobDelayWorkingDays,
    IReadOnlyList<StepDeviation> Steps,
    IReadOnlyList<CustomerWait> CustomerWaits,
    string Method)
{
    public DateOnly StartDate { get; init; }

    /// <summary>The re-plan is made at the end of this day.</summary>
    public DateOnly StatusDate { get; init; }

    public DateOnly PlannedFinish { get; init; }

    /// <summary>The finish of the re-plan with the planned durations for what is left (the actual one once connected).</summary>
    public DateOnly ReplannedFinish { get; init; }

    /// <summary>The activities left with no total float, in order.</summary>
    public IReadOnlyList<string> CriticalPath { get; init; } = [];

    /// <summary>Null once the application is closed.</summary>
    public PowerOnForecastView? Forecast { get; init; }
}
