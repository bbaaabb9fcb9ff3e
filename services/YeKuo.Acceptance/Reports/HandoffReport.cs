using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports;

/// <summary>Handoff times (previous step's completion → next step's opening, the customer's time taken out) in seconds.</summary>
public sealed record HandoffStats(int Count, double P50Seconds, double P95Seconds, double MaxSeconds);

public sealed record DepartmentPairHandoffs(string From, string To, HandoffStats Handoffs);

public sealed record StepHandoffs(string Step, string Department, HandoffStats Handoffs);

/// <summary>An application whose current step is open in a department right now.</summary>
public sealed record WaitingApplication(
    Guid ApplicationId, string Number, string CustomerClass, string Step, int Round, DateTimeOffset OpenedAt, double AgeHours,
    string? Assignee, DateTimeOffset? DueAt, bool Overdue);

public sealed record DepartmentWaiting(string Department, int Count, double OldestAgeHours, IReadOnlyList<WaitingApplication> Applications);

/// <summary>
/// The platform team's view of handoffs: how long the work sat between departments (per department pair and per
/// step opened) in the period, and who holds which application right now.
/// </summary>
public sealed record HandoffReport(
    DateOnly From, DateOnly To, DateTimeOffset GeneratedAt,
    IReadOnlyList<DepartmentPairHandoffs> ByDepartmentPair,
    IReadOnlyList<StepHandoffs> ByStep,
    IReadOnlyList<DepartmentWaiting> WaitingNow);

/// <summary>
/// Builds <see cref="HandoffReport"/> from Acceptance's timeline (fed by WorkItemOpened/Claimed and StepCompleted of
/// every department). A handoff is a step round opened after another step of the same application completed: its time
/// is the latest earlier completion → the opening, less the customer's time in between (<see cref="HandoffTime"/>),
/// attributed to that completion's department → the opening department, and to the opened step. Handoffs count in the
/// period by the business date (China time) of the opening.
/// </summary>
public static class HandoffReportBuilder
{
    public static async Task<HandoffReport> BuildAsync(AcceptanceDbContext db, DateTimeOffset now, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var timeline = (await db.Timeline.AsNoTracking().Where(e => e.OpenedAt != null).ToListAsync(cancellationToken))
            .ToLookup(e => e.ApplicationId);
        // The customer's time within a handoff is recorded as pauses of the step it opened.
        var pauses = (await db.TimelinePauses.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(p => p.WorkItemId, p => p.Interval);

        List<(string From, string To, string Step, string Department, double Seconds)> handoffs = [];
        List<(string Department, WaitingApplication Waiting)> waiting = [];
        foreach (var entries in timeline)
        {
            var ordered = entries.OrderBy(e => e.OpenedAt).ToList();
            foreach (var entry in ordered)
            {
                var opened = entry.OpenedAt!.Value;
                var previous = ordered
                    .Where(p => p.WorkItemId != entry.WorkItemId && p.CompletedAt is { } done && done <= opened)
                    .MaxBy(p => p.CompletedAt);
                var day = ChinaTime.BusinessDate(opened);
                if (previous is not null && day >= from && day <= to)
                {
                    handoffs.Add((previous.Department.ToString(), entry.Department.ToString(), entry.Step.ToString(), entry.Department.ToString(),
                        HandoffTime.Of(previous.CompletedAt!.Value, opened, pauses[entry.WorkItemId]).TotalSeconds));
                }
            }

            if (!applications.TryGetValue(entries.Key, out var application)
                || application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.InProgress))
            {
                continue;
            }
            foreach (var open in ordered.Where(e => e.CompletedAt is null))
            {
                var age = Math.Max(0, (now - open.OpenedAt!.Value).TotalHours);
                waiting.Add((open.Department.ToString(), new WaitingApplication(
                    application.Id, application.Number, application.CustomerClass.ToString(), open.Step.ToString(), open.Round,
                    open.OpenedAt.Value, Math.Round(age, 2), open.Assignee, open.DueAt, open.DueAt is { } due && due < now)));
            }
        }

        return new HandoffReport(from, to, now,
            handoffs.GroupBy(h => (h.From, h.To)).OrderBy(g => g.Key.From).ThenBy(g => g.Key.To)
                .Select(g => new DepartmentPairHandoffs(g.Key.From, g.Key.To, Stats(g.Select(h => h.Seconds)))).ToList(),
            handoffs.GroupBy(h => (h.Step, h.Department)).OrderBy(g => g.Key.Department).ThenBy(g => g.Key.Step)
                .Select(g => new StepHandoffs(g.Key.Step, g.Key.Department, Stats(g.Select(h => h.Seconds)))).ToList(),
            waiting.GroupBy(w => w.Department).OrderBy(g => g.Key)
                .Select(g =>
                {
                    var oldestFirst = g.Select(w => w.Waiting).OrderBy(w => w.OpenedAt).ToList();
                    return new DepartmentWaiting(g.Key, oldestFirst.Count, oldestFirst[0].AgeHours, oldestFirst);
                }).ToList());
    }

    /// <summary>Nearest-rank percentiles.</summary>
    public static HandoffStats Stats(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new HandoffStats(0, 0, 0, 0);
        }
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new HandoffStats(sorted.Length, Math.Round(Percentile(0.50), 3), Math.Round(Percentile(0.95), 3), Math.Round(sorted[^1], 3));
    }
}
