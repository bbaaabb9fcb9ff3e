using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Infrastructure;

namespace YeKuo.Acceptance.Progress;

/// <summary>Where one of the 客户经理's applications waits now: in a department, or on the customer (customer time).</summary>
/// <param name="Department">The department holding it, or <c>Customer</c> when the customer's turn (e.g. to submit design documents).</param>
/// <param name="AgeWorkingDays">Working days since it started waiting there (the start day not counted).</param>
/// <param name="CustomerTime">Waiting on the customer: counted, shown, never judged against a department (no due).</param>
/// <param name="DueAssumedYears">Years the due was computed for without a published holiday notice: the due is provisional.</param>
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
    string Kind)
{
    /// <summary>The predicted power-on day (P50/P90) from the application's network and the history.</summary>
    public PowerOnForecastView? Forecast { get; init; }
}

/// <summary>The 客户经理's worklist: their active applications across all departments and the customer's own steps, soonest due first.</summary>
public sealed class ManagerWorklist(AcceptanceDbContext db, StepRecords records, PowerOnForecasts forecasts, TimeProvider time)
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
        var paused = (await db.TimelinePauses.AsNoTracking().Where(p => open.Contains(p.WorkItemId) && p.ResumedAt == null).ToListAsync(cancellationToken))
            .Select(p => p.WorkItemId).ToHashSet();

        var now = time.GetUtcNow();
        var (forecaster, basis) = await forecasts.CurrentAsync(cancellationToken);
        return applications
            .Select(a => (Application: a, Wait: CurrentWait.Of(a, timeline[a.Id].ToArray(), paused, now, records)))
            .Where(x => x.Wait is not null)
            .Select(x => Entry(x.Application, x.Wait!) with
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

    private static WorklistEntry Entry(Application a, WaitView wait) => new(
        a.Id, a.Number, a.CustomerName, a.CustomerClass.ToString(), wait.Step, wait.StepName, wait.WaitingOn, wait.Assignee,
        wait.Since, wait.DueAt, wait.WorkingDays, wait.Paused, wait.Overdue, wait.CustomerTime, wait.Round, wait.DueAssumedYears,
        a.Kind.ToString());
}
