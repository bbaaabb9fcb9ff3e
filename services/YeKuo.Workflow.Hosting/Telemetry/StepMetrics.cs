using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Telemetry;

/// <summary>
/// How long steps wait and take, on the <c>YeKuo.Workflow.Steps</c> meter, by <c>yekuo.department</c>,
/// <c>yekuo.step</c> and <c>yekuo.customer_class</c>:
/// <list type="bullet">
/// <item><c>yekuo.step.wait</c> (s): opened → claimed (who picks the work up, and how fast).</item>
/// <item><c>yekuo.step.duration</c> (s): opened → completed, tagged <c>yekuo.time=calendar</c> (wall clock) and
/// <c>yekuo.time=working</c> (working days of the China calendar only, pauses excluded — what the 时限 judges).</item>
/// </list>
/// Recorded once the transition is committed (after <c>SaveChanges</c>), from any code path that claims or completes.
/// </summary>
public static class StepMetrics
{
    public const string MeterName = "YeKuo.Workflow.Steps";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds from a moment to 40 days: a test run takes seconds, a real step hours to working weeks.</summary>
    private static readonly InstrumentAdvice<double> Buckets = new()
    {
        HistogramBucketBoundaries = [1, 10, 60, 300, 900, 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 3 * 86400, 5 * 86400, 10 * 86400, 20 * 86400, 40 * 86400],
    };

    private static readonly Histogram<double> Wait = Meter.CreateHistogram<double>(
        "yekuo.step.wait", unit: "s", description: "Time a work item waited from being opened to being claimed.", tags: null, advice: Buckets);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "yekuo.step.duration", unit: "s", description: "Time from opening a work item to completing it (yekuo.time: calendar or working).",
        tags: null, advice: Buckets);

    internal sealed record Transition(WorkItem Item, bool Claimed, bool Completed);

    internal static List<Transition> Transitions(IEnumerable<EntityEntry<WorkItem>> entries)
    {
        List<Transition> transitions = [];
        foreach (var entry in entries)
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }
            var claimed = entry.Property(w => w.ClaimedAt) is { IsModified: true, OriginalValue: null, CurrentValue: not null };
            var completed = entry.Property(w => w.Status) is { IsModified: true, CurrentValue: WorkItemStatus.Completed, OriginalValue: not WorkItemStatus.Completed };
            if (claimed || completed)
            {
                transitions.Add(new Transition(entry.Entity, claimed, completed));
            }
        }
        return transitions;
    }

    internal static void Record(IReadOnlyList<Transition> transitions, WorkingDayCalendar? calendar)
    {
        foreach (var (item, claimed, completed) in transitions)
        {
            var department = new KeyValuePair<string, object?>("yekuo.department", item.Department.ToString());
            var step = new KeyValuePair<string, object?>("yekuo.step", item.Step.ToString());
            var customerClass = new KeyValuePair<string, object?>("yekuo.customer_class", item.CustomerClass.ToString());
            if (claimed && item.ClaimedAt is { } claimedAt)
            {
                Wait.Record(Seconds(claimedAt - item.OpenedAt), department, step, customerClass);
            }
            if (completed && item.CompletedAt is { } completedAt)
            {
                Duration.Record(Seconds(completedAt - item.OpenedAt), department, step, customerClass,
                    new KeyValuePair<string, object?>("yekuo.time", "calendar"));
                if (calendar is not null)
                {
                    var pauses = item.Pauses.Select(p => new PauseInterval(p.PausedAt, p.ResumedAt ?? p.PausedAt, p.Reason));
                    var working = new SlaClock(calendar, item.OpenedAt, 1, pauses).SpentWorkingTime(completedAt);
                    Duration.Record(Seconds(working), department, step, customerClass,
                        new KeyValuePair<string, object?>("yekuo.time", "working"));
                }
            }
        }
    }

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
