using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Acceptance.Apis;

public sealed record ApplicationSummary(
    Guid Id, string Number, string CustomerClass, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt, string? CustomerManager);

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
    IReadOnlyList<TimelineStep> Timeline)
{
    /// <summary>按时办结 of the whole application: OnTime only if every judged step of its policy version was (Late, Pending, NotJudged otherwise).</summary>
    public string? Verdict { get; init; }

    /// <summary>进度偏差分析 over the application's step network; null before acceptance.</summary>
    public DeviationReport? Deviation { get; init; }
}

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
        a.Id, a.Number, a.CustomerClass.ToString(), a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.CustomerManager);

    public static ApplicationDetails ToDetails(this Application a, IEnumerable<TimelineEntry> timeline) => a.ToDetails(timeline, null, null);

    /// <summary>The details with progress: pauses, judged flags and overdue per step (from the application's policy version).</summary>
    public static ApplicationDetails ToDetails(this Application a, IEnumerable<TimelineEntry> timeline, ProgressSnapshot? progress, DeviationReport? deviation)
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
            return step with
            {
                Judged = judged.GetValueOrDefault(entry.Step),
                Overdue = entry.CompletedAt is null && entry.DueAt < progress.Now && !pausedNow,
                Paused = pausedNow,
                PausedHours = Math.Round(pauses.Sum(p => p.DurationUntil(until).TotalHours), 2),
                Pauses = pauses.Select(p => new PauseView(p.PausedAt, p.ResumedAt, p.Reason, Math.Round(p.DurationUntil(until).TotalHours, 2))).ToArray(),
            };
        }) with
        {
            Verdict = progress.Verdict,
            Deviation = deviation,
        };
    }

    private static ApplicationDetails ToPlainDetails(this Application a, IEnumerable<TimelineEntry> timeline, Func<TimelineEntry, TimelineStep, TimelineStep>? enrich) => new(
        a.Id, a.Number, a.CustomerId, a.CustomerName, a.CustomerClass.ToString(), IdentityNumbers.Mask(a.ContactPhone), a.Address,
        a.CapacityKva, a.VoltageKv, a.SourceCount, a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.ClosingReason,
        a.PolicyVersion, a.CustomerManager, a.Plan.Select(s => s.ToString()).ToArray(),
        timeline
            .OrderBy(e => e.OpenedAt ?? e.CompletedAt)
            .ThenBy(e => e.Step)
            .ThenBy(e => e.Round)
            .Select(e => (Entry: e, Step: new TimelineStep(
                e.Step.ToString(), StepCatalogue.Of(e.Step).ChineseName, e.Department.ToString(), e.Round, e.Assignee, e.OpenedAt, e.DueAt,
                e.CompletedAt, e.CompletedBy,
                e.CompletedAt is { } done && e.DueAt is { } due ? done <= due : null,
                e.Outcome)))
            .Select(x => enrich is null ? x.Step : enrich(x.Entry, x.Step))
            .ToArray());
}
