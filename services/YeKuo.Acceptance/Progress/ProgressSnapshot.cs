using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;

namespace YeKuo.Acceptance.Progress;

/// <summary>An application with its timeline, pauses and folded steps, read at <see cref="Now"/>.</summary>
public sealed record ProgressSnapshot(
    Application Application,
    IReadOnlyList<TimelineEntry> Timeline,
    ILookup<Guid, TimelinePause> Pauses,
    IReadOnlyList<StepRecord> Steps,
    string Verdict,
    DateTimeOffset Now);

/// <summary>What the customer sees (网上国网 progress query): each step's name, state and due date, the current step and the 客户经理.</summary>
public sealed record CustomerProgress(
    Guid ApplicationId,
    string Number,
    string Status,
    string? CurrentStep,
    string? CurrentStepName,
    string? CustomerManager,
    IReadOnlyList<CustomerProgressStep> Steps,
    DateTimeOffset AsOf);

/// <param name="State">done, inProgress or waiting.</param>
/// <param name="Paused">In progress but waiting on the customer (the company's clock is stopped).</param>
public sealed record CustomerProgressStep(string Step, string Name, string State, bool Paused, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt);

public static class StepStates
{
    public const string Done = "done";
    public const string InProgress = "inProgress";
    public const string Waiting = "waiting";
}

/// <summary>Reads an application's progress from the database.</summary>
public sealed class ProgressReader(AcceptanceDbContext db, StepRecords records, TimeProvider time)
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
        return Snapshot(application, timeline, pauses);
    }

    public ProgressSnapshot Snapshot(Application application, IReadOnlyList<TimelineEntry> timeline, ILookup<Guid, TimelinePause> pauses)
    {
        var now = time.GetUtcNow();
        var steps = records.Fold(application, timeline, pauses, now);
        return new ProgressSnapshot(application, timeline, pauses, steps, StepRecords.Verdict(application, steps), now);
    }

    public static CustomerProgress ToCustomerView(ProgressSnapshot snapshot)
    {
        var application = snapshot.Application;
        var byStep = snapshot.Steps.ToDictionary(s => s.Step);
        var steps = application.Plan.Select(step =>
        {
            if (!byStep.TryGetValue(step, out var record))
            {
                return new CustomerProgressStep(step.ToString(), StepCatalogue.Of(step).ChineseName, StepStates.Waiting, false, null, null);
            }
            var last = record.Rounds[^1];
            var state = record.CompletedAt is not null ? StepStates.Done : last.OpenedAt is not null || last.CompletedAt is not null ? StepStates.InProgress : StepStates.Waiting;
            var paused = state == StepStates.InProgress && StepRecords.IsPausedNow(snapshot.Pauses[last.WorkItemId]);
            return new CustomerProgressStep(step.ToString(), StepCatalogue.Of(step).ChineseName, state, paused, last.DueAt, record.CompletedAt);
        }).ToArray();

        var current = application.IsActive
            ? steps.FirstOrDefault(s => s.State == StepStates.InProgress) ?? steps.FirstOrDefault(s => s.State == StepStates.Waiting)
            : null;
        return new CustomerProgress(
            application.Id, application.Number, application.Status.ToString(), current?.Step, current?.Name,
            application.CustomerManager, steps, snapshot.Now);
    }
}
