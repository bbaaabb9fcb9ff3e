using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Workflow.Hosting.Consumers;

/// <summary>
/// Opens the next step of an application's plan: from the completion itself when this service hosts both steps
/// (<see cref="OpensHere"/>), from a handoff (<see cref="OpenNextStepConsumer{TContext}"/>), or later from a handoff a
/// gate kept (<see cref="IStepOpeningGate"/>) once its condition holds: the rounds, the clock and the customer's time as
/// the step's policy says.
/// </summary>
public sealed class StepOpener<TContext>(
    TContext db, TimeProvider time, IEventOutbox outbox, StepCompletions steps, DeadlinePlanner deadlines, IEnumerable<IStepOpeningGate> gates)
    where TContext : WorkflowDbContext
{
    private TContext Db => db;

    private TimeProvider Time => time;

    /// <summary>
    /// Whether the completion that raises <paramref name="message"/> opens the next step itself, in its own commit: the
    /// step is hosted here and no gate can hold it (a gate's condition can change under a concurrent commit, which only a
    /// consumer can retry). Then no broker hop, consume and second commit stand between the two steps of one department.
    /// </summary>
    public bool OpensHere(StepCompleted message) =>
        HostedNextStep(message) is { } step && !gates.Any(g => g.Step == step);

    /// <summary>The step the plan opens after <paramref name="message"/>'s, when this service hosts it; else null.</summary>
    public Step? HostedNextStep(StepCompleted message) =>
        Plans.OpensAfter(message.Plan, message.Step, message.Outcome) is { } step && steps.Hosts(step) ? step : null;

    /// <summary>Opens the step <paramref name="message"/> hands over, unless it is opened already, closed, or held by a gate.</summary>
    /// <param name="heldSince">
    /// A handoff a gate kept (the customer's payment): from then until now is the customer's time, taken out of the step's
    /// clock like a pause and shown on the step.
    /// </param>
    public Task OpenAsync(StepCompleted message, CancellationToken cancellationToken, (DateTimeOffset Since, string Reason)? heldSince = null) =>
        OpenAndTellAsync(message, heldSince, announce: true, cancellationToken);

    /// <summary>
    /// Opens the step in the commit of the completion that raises <paramref name="message"/> (<see cref="OpensHere"/>) and
    /// returns its opening for <see cref="StepCompleted.NextOpened"/>, which announces it; null when nothing opened.
    /// </summary>
    public Task<WorkItemOpened?> OpenInCompletionAsync(StepCompleted message, CancellationToken cancellationToken) =>
        OpenAndTellAsync(message, heldSince: null, announce: false, cancellationToken);

    /// <param name="announce">Whether the opening goes out as a <see cref="WorkItemOpened"/> of its own (else the caller carries it).</param>
    private async Task<WorkItemOpened?> OpenAndTellAsync(
        StepCompleted message, (DateTimeOffset Since, string Reason)? heldSince, bool announce, CancellationToken cancellationToken)
    {
        if (HostedNextStep(message) is not { } step)
        {
            return null;
        }
        var sentBack = !(message.Outcome?.MovesOn ?? true);
        // Sent back to the same step (re-check by the department), or to an earlier one (the customer's request, a revision).
        var failed = sentBack && step == message.Step;
        var reopen = sentBack && step != message.Step ? step : (Step?)null;

        if (await WorkItemQueries.IsClosedAsync(Db, message.ApplicationId, cancellationToken))
        {
            return null;
        }

        int round;
        if (failed)
        {
            round = message.Round + 1;
            if (await WorkItemQueries.RoundExistsAsync(Db, message.ApplicationId, step, round, cancellationToken))
            {
                return null;
            }
        }
        else
        {
            // Usually the first round. When the plan loops back (a step reopened by a later one, e.g. a revised
            // 供电方案) the reopened step, and the ones after it, run again in their next round. Otherwise a round
            // that is still open, was opened since this completion, or follows a first-round completion means the
            // handoff has already happened (a copy of it).
            var latest = await WorkItemQueries.LatestRoundAsync(Db, message.ApplicationId, step, cancellationToken);
            if (latest is not null
                && (latest.IsOpen || latest.OpenedAt >= message.CompletedAt || (reopen is null && message.Round == 1)))
            {
                return null;
            }
            round = (latest?.Round ?? 0) + 1;
        }

        var now = Time.GetUtcNow();
        // A condition besides the plan (装表接电: the charges paid): the handoff is kept and opens the step once it holds.
        foreach (var gate in gates.Where(g => g.Step == step))
        {
            if (await gate.WaitsForAsync(message, cancellationToken) is { } reason)
            {
                await gate.HoldAsync(message, reason, now, cancellationToken);
                return null;
            }
        }

        IReadOnlyList<PauseInterval> held = heldSince is { } wait && wait.Since < now ? [new PauseInterval(wait.Since, now, wait.Reason)] : [];
        var deadline = await DeadlineAsync(message, step, reopened: failed || reopen is not null, now, held, cancellationToken);
        var definition = StepCatalogue.Of(step);
        var item = WorkItem.Open(
            message.ApplicationId, message.ApplicationNumber, message.CustomerId, message.CustomerClass, message.PolicyVersion,
            step, definition.Responsible, round, message.Plan, now, deadline.Deadline,
            assignee: definition.IsCustomerStep ? message.CustomerId : null);
        Db.WorkItems.Add(item);
        var opened = WorkItemEvents.Opened(item);
        if (announce)
        {
            outbox.Enqueue(opened, item.ApplicationId);
        }
        foreach (var (from, to, reason) in deadline.CustomerTime.Concat(held.Select(h => (From: h.Start, To: h.End ?? now, Reason: h.Reason ?? ""))))
        {
            var pause = item.RecordCustomerTime(from, to, reason, message.CustomerId);
            outbox.Enqueue(WorkItemEvents.Paused(item, pause), item.ApplicationId);
            outbox.Enqueue(WorkItemEvents.Resumed(item, pause), item.ApplicationId);
        }
        return opened;
    }

    private sealed record OpeningDeadline(StepDeadline Deadline, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, string Reason)> CustomerTime);

    private async Task<OpeningDeadline> DeadlineAsync(
        StepCompleted message, Step step, bool reopened, DateTimeOffset now, IReadOnlyList<PauseInterval> held, CancellationToken cancellationToken)
    {
        if (!reopened && deadlines.SharesClock(message.CustomerClass, message.PolicyVersion, message.Step, step))
        {
            // Same clock as the step just finished (e.g. 现场勘查 → 方案答复): keep its start and its pauses.
            // The step just finished: as the completion left it when it opens this step in the same commit, else as stored.
            var previous = Db.WorkItems.Local.FirstOrDefault(w => w.Id == message.WorkItemId)
                ?? await WorkItemQueries.ReadAsync(Db, message.WorkItemId, cancellationToken);
            if (previous?.ClockStartedAt is { } start)
            {
                var pauses = previous.Pauses.Select(p => new PauseInterval(p.PausedAt, p.ResumedAt ?? p.PausedAt, p.Reason)).Concat(held);
                return new(deadlines.For(message.CustomerClass, message.PolicyVersion, step, start, pauses), []);
            }
            // The clock ran in another department (三零: 现场勘查 in 供电方案, 装表接电 in 计量): keep its start (a sender
            // without the field opened the clock's first step), and its due date, which includes the pauses taken there.
            var computed = deadlines.For(message.CustomerClass, message.PolicyVersion, step, message.ClockStartedAt ?? message.OpenedAt, held);
            return new(message is { ClockStartedAt: not null, DueAt: { } due }
                ? computed with { DueAt = due, AssumedYears = message.DueAssumedYears ?? computed.AssumedYears }
                : computed, []);
        }
        if (!reopened && deadlines.IsExcludedFrom(message.CustomerClass, message.PolicyVersion, message.Step, step, message.Plan)
            && await ClockBeforeCustomerTimeAsync(message, step, cancellationToken) is { ClockStartedAt: { } clockStart } earlier)
        {
            // The clock ran before the customer's step (现场勘查 → 接入系统设计 → 方案答复): it continues, the customer's time
            // (from the earlier step's completion to the customer's) taken out like a pause.
            var customerTime = (From: earlier.CompletedAt ?? message.OpenedAt, To: message.CompletedAt, Reason: $"客户原因: {StepCatalogue.Of(message.Step).ChineseName}");
            var pauses = earlier.Pauses.Select(p => new PauseInterval(p.PausedAt, p.ResumedAt ?? p.PausedAt, p.Reason))
                .Append(new PauseInterval(customerTime.From, customerTime.To, customerTime.Reason));
            return new(deadlines.For(message.CustomerClass, message.PolicyVersion, step, clockStart, pauses),
                customerTime.From < customerTime.To ? [customerTime] : []);
        }
        // A new clock: from the moment its start rule names (the customer's request, the acceptance, a passed check).
        var started = deadlines.ClockStart(message.CustomerClass, message.PolicyVersion, step, message.Step, message.CompletedAt, now);
        return new(deadlines.For(message.CustomerClass, message.PolicyVersion, step, started, held), []);
    }

    /// <summary>The latest completed earlier step of <paramref name="step"/>'s clock, hosted here (the clock's first steps).</summary>
    private async Task<WorkItem?> ClockBeforeCustomerTimeAsync(StepCompleted message, Step step, CancellationToken cancellationToken)
    {
        var candidates = await WorkItemQueries.CompletedOtherStepsAsync(Db, message.ApplicationId, step, cancellationToken);
        return candidates
            .Where(w => deadlines.SharesClock(message.CustomerClass, message.PolicyVersion, w.Step, step))
            .MaxBy(w => w.CompletedAt);
    }
}
