using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Schedule.Prediction;

namespace YeKuo.Acceptance.Progress;

/// <summary>An application with its timeline, pauses and folded steps, its assessment and where it waits, read at <see cref="Now"/>.</summary>
public sealed record ProgressSnapshot(
    Application Application,
    IReadOnlyList<TimelineEntry> Timeline,
    ILookup<Guid, TimelinePause> Pauses,
    IReadOnlyList<StepRecord> Steps,
    AssessmentView? Assessment,
    string Verdict,
    WaitView? Waiting,
    DateTimeOffset Now)
{
    /// <summary>The application on its schedule network: plan vs actual, the re-plan and the power-on forecast.</summary>
    public DeviationReport? Network { get; init; }
}

/// <summary>
/// What the customer sees (网上国网 progress query): each step's name, who acts, state and due date, where the application
/// waits (on a department, or on the customer: their turn) and the 客户经理.
/// </summary>
public sealed record CustomerProgress(
    Guid ApplicationId,
    string Number,
    string Status,
    string Kind,
    string? CurrentStep,
    string? CurrentStepName,
    string? CustomerManager,
    IReadOnlyList<CustomerProgressStep> Steps,
    WaitView? Waiting,
    DateTimeOffset AsOf)
{
    /// <summary>When the power is likely on (P50) and almost surely on (P90); null once the application is closed.</summary>
    public PowerOnForecastView? Forecast { get; init; }
}

/// <param name="State">done, inProgress or waiting.</param>
/// <param name="ActedBy">Department, or Customer: a customer step in progress is the customer's turn (e.g. submit the design documents).</param>
/// <param name="Paused">In progress but waiting on the customer (the company's clock is stopped).</param>
/// <param name="DueAssumedYears">Years the due was computed for without a published holiday notice: the due is provisional.</param>
public sealed record CustomerProgressStep(
    string Step, string Name, string ActedBy, string State, bool Paused, DateTimeOffset? DueAt, IReadOnlyList<int> DueAssumedYears,
    DateTimeOffset? CompletedAt, int WorkingDays);

public static class StepStates
{
    public const string Done = "done";
    public const string InProgress = "inProgress";
    public const string Waiting = "waiting";
}

/// <summary>Reads an application's progress from the database.</summary>
public sealed class ProgressReader(
    AcceptanceDbContext db, StepRecords records, ApplicationAssessor assessor, NetworkAnalyzer analyzer, PowerOnForecasts forecasts,
    ApplicationCosts costs, TimeProvider time)
{
    public async Task<ProgressSnapshot?> LoadAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.ApplicationId == applicationId).ToListAsync(cancellationToken);
        var workItems = timeline.Select(e => e.WorkItemId).ToArray();
        var pauses = (await db.TimelinePauses.AsNoTracking().Where(p => workItems.Contains(p.WorkItemId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.WorkItemId);
        var charges = application.IsActive ? await costs.OfAsync(applicationId, cancellationToken) : null;
        var snapshot = Snapshot(application, timeline, pauses, charges);
        var forecaster = application.IsActive ? await forecasts.CurrentAsync(cancellationToken) : ((PowerOnForecaster, ForecastBasis)?)null;
        return snapshot with { Network = analyzer.Analyse(LiveNetwork.Read(application, timeline, snapshot.Now), snapshot.Steps, snapshot.Now, forecaster) };
    }

    public ProgressSnapshot Snapshot(
        Application application, IReadOnlyList<TimelineEntry> timeline, ILookup<Guid, TimelinePause> pauses, ApplicationCost? charges = null)
    {
        var now = time.GetUtcNow();
        var steps = records.Fold(application, timeline, pauses, now);
        var assessment = assessor.Assess(application, steps);
        var pausedNow = timeline.Where(e => e.CompletedAt is null && StepRecords.IsPausedNow(pauses[e.WorkItemId])).Select(e => e.WorkItemId).ToHashSet();
        return new ProgressSnapshot(application, timeline, pauses, steps, assessment, ApplicationAssessor.Verdict(application, assessment),
            CurrentWait.Of(application, timeline, pausedNow, now, records, charges), now);
    }

    public static CustomerProgress ToCustomerView(ProgressSnapshot snapshot)
    {
        var application = snapshot.Application;
        var byStep = snapshot.Steps.ToDictionary(s => s.Step);
        var steps = application.Plan.Select(step =>
        {
            var definition = StepCatalogue.Of(step);
            if (!byStep.TryGetValue(step, out var record))
            {
                return new CustomerProgressStep(step.ToString(), definition.ChineseName, definition.ActedBy.ToString(), StepStates.Waiting, false, null, [], null, 0);
            }
            var last = record.Rounds[^1];
            var state = record.CompletedAt is not null ? StepStates.Done : last.OpenedAt is not null || last.CompletedAt is not null ? StepStates.InProgress : StepStates.Waiting;
            var paused = state == StepStates.InProgress && StepRecords.IsPausedNow(snapshot.Pauses[last.WorkItemId]);
            return new CustomerProgressStep(step.ToString(), definition.ChineseName, definition.ActedBy.ToString(), state, paused,
                last.DueAt, last.DueAssumedYears, record.CompletedAt, record.ElapsedWorkingDays);
        }).ToArray();

        var current = application.IsActive
            ? steps.FirstOrDefault(s => s.State == StepStates.InProgress) ?? steps.FirstOrDefault(s => s.State == StepStates.Waiting)
            : null;
        return new CustomerProgress(
            application.Id, application.Number, application.Status.ToString(), application.Kind.ToString(), current?.Step, current?.Name,
            application.CustomerManager, steps, snapshot.Waiting, snapshot.Now)
        {
            Forecast = snapshot.Network?.Forecast,
        };
    }
}
