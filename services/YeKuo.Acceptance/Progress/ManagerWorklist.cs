using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;

namespace YeKuo.Acceptance.Progress;

/// <summary>Where one of the 客户经理's applications waits now: in a department, or on the customer (customer time).</summary>
/// <param name="Department">The department holding it, or <c>Customer</c> when the customer's turn (e.g. to submit design documents).</param>
/// <param name="AgeWorkingDays">Working days since it started waiting there (the start day not counted).</param>
/// <param name="CustomerTime">Waiting on the customer: counted, shown, never judged against a department (no due).</param>
/// <param name="DueAssumedYears">Years the due was computed for without a published holiday notice: the due is provisional.</param>
/// <param name="Warning">The highest 超时预警 level raised on the step it waits at (HalfUsed, MostlyUsed, Overdue), or null.</param>
/// <param name="Warnings">Every 超时预警 raised on the application so far, oldest first.</param>
/// <param name="Awaiting">What the customer is waited on for when it is no step of theirs (<c>ChargesPayment</c>: 缴费).</param>
/// <param name="AmountDue">With <c>ChargesPayment</c>: what is still to pay (yuan).</param>
public sealed record WorklistEntry(
    Guid ApplicationId,
    string Number,
    string CustomerName,
    string CustomerClass,
    string? Step,
    string? StepName,
    string? Department,
    string? Assignee,
    DateTimeOffset? WaitingSince,
    DateTimeOffset? DueAt,
    int? AgeWorkingDays,
    bool Paused,
    bool Overdue,
    bool CustomerTime,
    int Round,
    IReadOnlyList<int> DueAssumedYears,
    string Kind,
    string? Warning = null,
    IReadOnlyList<WorklistWarning>? Warnings = null,
    string? Awaiting = null,
    decimal? AmountDue = null)
{
    /// <summary>The predicted power-on day (P50/P90) from the application's network and the history.</summary>
    public PowerOnForecastView? Forecast { get; init; }
}

/// <summary>One 超时预警 of an application: on which step, at which level, when, and whose (责任人) it was.</summary>
public sealed record WorklistWarning(string Step, string StepName, string Department, string Level, string? Assignee, DateTimeOffset RaisedAt);

/// <summary>
/// The 客户经理's worklist: every active application of their customers (one manager per customer, so these are all the
/// customer's open applications) across all departments and the customer's own steps, with its 超时预警 and predicted
/// power-on day; soonest due first.
/// </summary>
public sealed class ManagerWorklist(AcceptanceDbContext db, StepRecords records, PowerOnForecasts forecasts, ApplicationCosts costs, TimeProvider time)
{
    public async Task<IReadOnlyList<WorklistEntry>> ForAsync(string manager, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.CustomerManager == manager && a.Status == ApplicationStatus.InProgress)
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToArray();
        var timeline = (await db.Timeline.AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.ApplicationId);
        var open = timeline.SelectMany(g => g).Where(e => e.CompletedAt == null).Select(e => e.WorkItemId).ToArray();
        var warnings = (await db.StepWarnings.AsNoTracking().Where(w => ids.Contains(w.ApplicationId)).ToListAsync(cancellationToken))
            .ToLookup(w => w.ApplicationId);
        var paused = (await db.TimelinePauses.AsNoTracking().Where(p => open.Contains(p.WorkItemId) && p.ResumedAt == null).ToListAsync(cancellationToken))
            .Select(p => p.WorkItemId).ToHashSet();

        var charges = await costs.OfAsync(ids, cancellationToken);

        var now = time.GetUtcNow();
        var (forecaster, basis) = await forecasts.CurrentAsync(cancellationToken);
        return applications
            .Select(a => (Application: a, Wait: CurrentWait.Of(a, timeline[a.Id].ToArray(), paused, now, records, charges[a.Id])))
            .Where(x => x.Wait is not null)
            .Select(x => Entry(x.Application, x.Wait!, timeline[x.Application.Id], warnings[x.Application.Id]) with
            {
                Forecast = NetworkAnalyzer.Forecast(LiveNetwork.Read(x.Application, timeline[x.Application.Id], now), forecaster, basis),
            })
            // Company waits by due first; customer waits (no due) after, the longest waiting first.
            .OrderBy(e => e.DueAt is null)
            .ThenBy(e => e.DueAt)
            .ThenBy(e => e.WaitingSince)
            .ThenBy(e => e.Number, StringComparer.Ordinal)
            .ToArray();
    }

    private static WorklistEntry Entry(Application a, WaitView wait, IEnumerable<TimelineEntry> timeline, IEnumerable<StepWarning> warnings)
    {
        var open = timeline.Where(e => e.CompletedAt == null).Select(e => e.WorkItemId).ToHashSet();
        var all = warnings.OrderBy(w => w.RaisedAt).ThenBy(w => w.Level).ToArray();
        var current = all.Where(w => open.Contains(w.WorkItemId)).Select(w => (DeadlineLevel?)w.Level).Max();
        return new(
            a.Id, a.Number, a.CustomerName, a.CustomerClass.ToString(), wait.Step, wait.StepName, wait.WaitingOn, wait.Assignee,
            wait.Since, wait.DueAt, wait.WorkingDays, wait.Paused, wait.Overdue, wait.CustomerTime, wait.Round, wait.DueAssumedYears,
            a.Kind.ToString(), current?.ToString(),
            all.Select(w => new WorklistWarning(w.Step.ToString(), StepCatalogue.Of(w.Step).ChineseName, w.Department.ToString(), w.Level.ToString(), w.Assignee, w.RaisedAt)).ToArray(),
            wait.Awaiting, wait.AmountDue);
    }
}
