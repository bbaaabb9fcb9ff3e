using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Apis;

public sealed record ApplicationSummary(
    Guid Id, string Number, string CustomerClass, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt, string? CustomerManager, string Kind);

public sealed record ApplicationDetails(
    Guid Id,
    string Number,
    string CustomerId,
    string CustomerName,
    string CustomerClass,
    string ContactPhone,
    string Address,
    decimal CapacityKva,
    decimal VoltageKv,
    int SourceCount,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    string? ClosingReason,
    string? PolicyVersion,
    string? CustomerManager,
    IReadOnlyList<string> Plan,
    IReadOnlyList<TimelineStep> Timeline,
    KindView Kind)
{
    /// <summary>按时办结 of the whole application: OnTime only if every judged step of its policy version was (Late, Pending, NotJudged otherwise).</summary>
    public string? Verdict { get; init; }

    /// <summary>进度偏差分析 over the application's step network; null before acceptance.</summary>
    public DeviationReport? Deviation { get; init; }

    /// <summary>How the application is judged (each node, or one span) and where that stands; null before acceptance.</summary>
    public AssessmentView? Assessment { get; init; }

    /// <summary>Where the application waits now: on a department (with its due) or on the customer (customer time).</summary>
    public WaitView? Waiting { get; init; }
}

/// <summary>
/// The application's kind and what it carries: 增容's 户号 and current capacity, 变更用电's 户号 and changes, 临时用电's end
/// date, reminder and how it ended.
/// </summary>
public sealed record KindView(
    string Kind,
    string KindName,
    string? AccountNumber,
    decimal? CurrentCapacityKva,
    IReadOnlyList<string> Changes,
    string? ChangeDescription,
    DateOnly? TemporaryUntil,
    DateTimeOffset? TemporaryReminderAt,
    string? TemporaryEnding,
    DateTimeOffset? TemporaryEndedAt);

/// <summary>A stretch in which the step waited on the customer (the company's clock stood still).</summary>
public sealed record PauseView(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, string Reason, double Hours);

/// <summary>One step round on the timeline: who, when, due, and whether the company was on time.</summary>
public sealed record TimelineStep(
    string Step,
    string StepName,
    string Department,
    int Round,
    string? Assignee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    bool? OnTime,
    StepOutcome? Outcome)
{
    /// <summary>Department or Customer (the step catalogue): a customer step's time is the customer's, never judged.</summary>
    public string ActedBy { get; init; } = nameof(StepActor.Department);

    /// <summary>Years the due was computed for without a published holiday notice (weekends only): the due is provisional.</summary>
    public IReadOnlyList<int> DueAssumedYears { get; init; } = [];

    /// <summary>Working days the round was open (up to now while open), paused time taken out: its duration, for a customer step too.</summary>
    public int? WorkingDays { get; init; }

    public double? Hours { get; init; }

    /// <summary>Counts toward 按时办结 under the application's policy version.</summary>
    public bool? Judged { get; init; }

    /// <summary>Open, past its due and not paused (超时).</summary>
    public bool Overdue { get; init; }

    /// <summary>Waiting on the customer right now.</summary>
    public bool Paused { get; init; }

    /// <summary>Total paused time in hours (an open pause counts until now); the due already includes it.</summary>
    public double PausedHours { get; init; }

    public IReadOnlyList<PauseView> Pauses { get; init; } = [];
}

public sealed record WithdrawRequest(string? Reason);

public sealed record RejectRequest(IReadOnlyList<string>? Reasons);

internal static class ApplicationDtoMapping
{
    public static ApplicationSummary ToSummary(this Application a) => new(
        a.Id, a.Number, a.CustomerClass.ToString(), a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.CustomerManager, a.Kind.ToString());

    public static KindView ToKindView(this Application a) => new(
        a.Kind.ToString(), a.Kind.ChineseName(), a.AccountNumber, a.CurrentCapacityKva, a.Changes.Select(c => c.ToString()).ToArray(),
        a.ChangeDescription, a.TemporaryUntil, a.TemporaryReminderAt, a.TemporaryEnding?.ToString(), a.TemporaryEndedAt);

    public static ApplicationDetails ToDetails(this Application a, IEnumerable<TimelineEntry> timeline) => a.ToDetails(timeline, null, null);

    /// <summary>
    /// The details with progress: pauses, judged flags, durations and overdue per step (from the application's policy
    /// version), the assessment and where it waits.
    /// </summary>
    public static ApplicationDetails ToDetails(
        this Application a, IEnumerable<TimelineEntry> timeline, ProgressSnapshot? progress, DeviationReport? deviation, StepRecords? records = null)
    {
        if (progress is null)
        {
            return a.ToPlainDetails(timeline, null);
        }
        var judged = progress.Steps.ToDictionary(s => s.Step, s => s.Judged);
        return a.ToPlainDetails(timeline, (entry, step) =>
        {
            var pauses = progress.Pauses[entry.WorkItemId].OrderBy(p => p.PausedAt).ToArray();
            var until = entry.CompletedAt ?? progress.Now;
            var pausedNow = entry.CompletedAt is null && StepRecords.IsPausedNow(pauses);
            var time = records?.TimeOf([entry], progress.Pauses, progress.Now);
            return step with
            {
                Judged = judged.GetValueOrDefault(entry.Step),
                WorkingDays = time?.WorkingDays,
                Hours = time is { } t ? Math.Round(t.Hours, 2) : null,
                Overdue = entry.CompletedAt is null && entry.DueAt < progress.Now && !pausedNow,
                Paused = pausedNow,
                PausedHours = Math.Round(PauseUnion.Within(pauses.Select(p => p.Interval), DateTimeOffset.MinValue, until).TotalHours, 2),
                Pauses = pauses.Select(p => new PauseView(p.PausedAt, p.ResumedAt, p.Reason, Math.Round(p.DurationUntil(until).TotalHours, 2))).ToArray(),
            };
        }) with
        {
            Verdict = progress.Verdict,
            Deviation = deviation,
            Assessment = progress.Assessment,
            Waiting = progress.Waiting,
        };
    }

    private static ApplicationDetails ToPlainDetails(this Application a, IEnumerable<TimelineEntry> timeline, Func<TimelineEntry, TimelineStep, TimelineStep>? enrich) => new(
        a.Id, a.Number, a.CustomerId, a.CustomerName, a.CustomerClass.ToString(), IdentityNumbers.Mask(a.ContactPhone), a.Address,
        a.CapacityKva, a.VoltageKv, a.SourceCount, a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.ClosingReason,
        a.PolicyVersion, a.CustomerManager, a.Plan.Select(s => s.ToString()).ToArray(),
        timeline
            .OrderBy(e => e.OpenedAt ?? e.CompletedAt)
            .ThenBy(e => StepCatalogue.OrderOf(e.Step))
            .ThenBy(e => e.Round)
            .Select(e => (Entry: e, Step: new TimelineStep(
                e.Step.ToString(), StepCatalogue.Of(e.Step).ChineseName, e.Department.ToString(), e.Round, e.Assignee, e.OpenedAt, e.DueAt,
                e.CompletedAt, e.CompletedBy,
                e.CompletedAt is { } done && e.DueAt is { } due ? done <= due : null,
                e.Outcome)
            {
                ActedBy = StepCatalogue.Of(e.Step).ActedBy.ToString(),
                DueAssumedYears = e.DueAssumedYears,
            }))
            .Select(x => enrich is null ? x.Step : enrich(x.Entry, x.Step))
            .ToArray(),
        a.ToKindView());
}
