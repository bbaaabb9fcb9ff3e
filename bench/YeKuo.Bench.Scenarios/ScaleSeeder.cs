using System.Diagnostics;
using System.Globalization;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;
using YeKuo.Workflow.Policies;

namespace YeKuo.Bench.Scenarios;

/// <summary>What one seeding step wrote.</summary>
public sealed record ScaleSeedBatch(int OpenItems, int ClosedItems, long Timers, long PendingTimers, long Pauses, double Seconds)
{
    public long Rows => OpenItems + ClosedItems + Timers + Pauses;
}

/// <summary>
/// Fills the SupplyScheme service's database (its WorkItems, WorkItemPauses and SupervisionTimers) with work items as
/// the service itself would hold them: 现场勘查, 供电方案答复 (sharing the 方案答复 clock) and the customer's 客户确认方案
/// (customer time, no due date) of every customer class of the policy in force, 40 % unclaimed, 52 % in progress, 8 %
/// paused for the customer; clocks started so that the time used is spread from 0 to 120 % of each limit (≈ 6 %
/// overdue, due dates from a few days ago to four weeks ahead); the supervision timers each item would have
/// (<see cref="SupervisionPlanner.Moments"/>): those due before now fired, and the next one pending; paused items keep only the
/// levels that fired before the pause. Closed history (completed or cancelled items with their fired timers) is added
/// at <c>closedRatio</c> per open item. Rows go in through <see cref="SqliteBulkInserter"/>, one transaction per batch.
/// </summary>
public sealed class ScaleSeeder(DeadlinePlanner deadlines, SupervisionPlanner supervision, Random random)
{
    private static readonly Step[] HostedSteps = [Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation];
    private static readonly string[] PauseReasons = ["客户资料不全", "联系不上客户", "客户要求暂缓", "客户设计施工未完成"];
    private int _sequence;

    public ScaleSeedBatch Seed(SupplySchemeDbContext model, string connectionString, int openItems, int closedItems, DateTimeOffset now)
    {
        var stopwatch = Stopwatch.StartNew();
        var policy = deadlines.Policies.ForDate(YeKuo.Workflow.Calendar.ChinaTime.BusinessDate(now));
        using var connection = SqliteBulkInserter.OpenForSeeding(connectionString);
        using var transaction = connection.BeginTransaction();
        using var items = new SqliteBulkInserter(model, connection, transaction, typeof(WorkItem));
        using var pauses = new SqliteBulkInserter(model, connection, transaction, typeof(WorkItemPause));
        using var timers = new SqliteBulkInserter(model, connection, transaction, typeof(SupervisionTimer),
            ["Id", "WorkItemId", "ApplicationId", "ApplicationNumber", "Step", "Department", "Level", "FireAt", "FiredAt", "Version"]);
        long pending = 0;
        // Timers reference their item (foreign key): they are written after it.
        var planned = new List<object?[]>();

        void Write(WorkItem item)
        {
            items.Add(item);
            foreach (var pause in item.Pauses)
            {
                pauses.Add(pause);
            }
            foreach (var row in planned)
            {
                timers.AddValues(row);
            }
            planned.Clear();
        }

        void AddTimers(WorkItem item, DateTimeOffset firedUntil, DateTimeOffset stopAt)
        {
            foreach (var (level, fireAt) in supervision.Moments(item, []))
            {
                // Fired ones were fired by a scan up to 5 s after they were due; a running clock keeps one unfired
                // timer, the next level's (SupervisionPlanner.Next); a stopped clock's was deleted.
                DateTimeOffset? firedAt = fireAt <= firedUntil ? fireAt.AddSeconds(random.NextDouble() * 5) : null;
                if (firedAt is null && stopAt < now)
                {
                    break;
                }
                planned.Add([Guid.CreateVersion7(fireAt), item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department,
                    level, fireAt, firedAt, Guid.NewGuid()]);
                if (firedAt is null)
                {
                    pending++;
                    break;
                }
            }
        }

        for (var i = 0; i < openItems; i++)
        {
            var (item, _) = Open(policy, now, closed: false);
            // Timers are planned while the item runs; a pause deletes the unfired ones.
            var roll = random.NextDouble();
            if (roll < 0.52)
            {
                item.Claim(Staff(), Between(item.OpenedAt, now, 0.3));
            }
            if (roll >= 0.92)
            {
                var pausedAt = Between(item.OpenedAt, now, 1.0);
                AddTimers(item, pausedAt, pausedAt);
                item.Pause(PauseReasons[random.Next(PauseReasons.Length)], Staff(), pausedAt);
            }
            else
            {
                AddTimers(item, now, DateTimeOffset.MaxValue);
            }
            Write(item);
        }

        for (var i = 0; i < closedItems; i++)
        {
            var (item, _) = Open(policy, now, closed: true);
            var closedAt = item.DueAt is { } due && item.ClockStartedAt is { } start
                ? start + (due - start) * (0.2 + random.NextDouble() * 1.0)
                : item.OpenedAt.AddDays(random.NextDouble() * 10);
            if (closedAt <= item.OpenedAt)
            {
                closedAt = item.OpenedAt.AddHours(1);
            }
            AddTimers(item, closedAt, closedAt);
            if (random.NextDouble() < 0.95)
            {
                item.Complete(Staff(), closedAt, OutcomeOf(item.Step));
            }
            else
            {
                item.Cancel("客户撤回: bench", closedAt);
            }
            Write(item);
        }

        transaction.Commit();
        // The load went through the WAL: fold it into the database now, not in the first measured commit.
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        return new ScaleSeedBatch(openItems, closedItems, timers.Rows, pending, pauses.Rows, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>A new work item of a random class and SupplyScheme step; open ones run on a clock of which 0–120 % is used now.</summary>
    private (WorkItem Item, DateTimeOffset? ClockStart) Open(TimeLimitPolicy policy, DateTimeOffset now, bool closed)
    {
        var customerClass = Enum.Parse<CustomerClass>(CustomerClasses.Mix[random.Next(CustomerClasses.Mix.Count)]);
        var plan = policy.StepsFor(customerClass);
        var hosted = HostedSteps.Where(plan.Contains).ToArray();
        // 现场勘查 and 方案答复 carry most of the load; the customer's confirmation sits with the customer.
        var pick = random.NextDouble();
        var step = hosted.Length == 1 ? hosted[0] : pick < 0.35 ? Step.SiteSurvey : pick < 0.85 || hosted.Length == 2 ? Step.SchemeReply : Step.SchemeConfirmation;
        var limit = policy.LimitFor(customerClass, step);

        var age = closed ? TimeSpan.FromDays(20 + random.NextDouble() * 345) : TimeSpan.Zero;
        DateTimeOffset openedAt;
        DateTimeOffset? clockStart = null;
        StepDeadline deadline;
        if (limit.IsCustomerTime)
        {
            openedAt = now - age - TimeSpan.FromDays(random.NextDouble() * 20);
            deadline = StepDeadline.CustomerTime;
        }
        else
        {
            var clock = policy.ClockFor(customerClass, step);
            // Calendar time ≈ working days × 7/5; 0–120 % of the limit used.
            var used = TimeSpan.FromDays(clock.LimitWorkingDays * 1.4 * random.NextDouble() * 1.2);
            clockStart = now - age - used;
            openedAt = clockStart.Value;
            // 方案答复 continues the clock 现场勘查 started: it opened part-way through.
            if (step == Step.SchemeReply && plan.Contains(Step.SiteSurvey))
            {
                openedAt = clockStart.Value + (now - age - clockStart.Value) * (random.NextDouble() * 0.5);
            }
            deadline = deadlines.For(customerClass, policy.Version, step, clockStart.Value);
        }

        var sequence = Interlocked.Increment(ref _sequence);
        var applicationId = Guid.CreateVersion7(openedAt.AddDays(-1));
        var number = "YK" + YeKuo.Workflow.Calendar.ChinaTime.BusinessDate(openedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (sequence % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var round = step == Step.SchemeReply && random.NextDouble() < 0.05 ? 2 : 1;
        var item = WorkItem.Open(applicationId, number, $"bench-c{sequence:D7}", customerClass, policy.Version, step, StepCatalogue.Of(step).Responsible, round,
            plan, openedAt, deadline);
        return (item, clockStart);
    }

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to, double fraction) =>
        to <= from ? from : from + (to - from) * (random.NextDouble() * fraction);

    /// <summary>A completed SupplyScheme step's outcome (the bench's steps are SupplyScheme's).</summary>
    private static StepOutcome OutcomeOf(Step step) => step switch
    {
        Step.SiteSurvey => new SiteSurveyOutcome("bench", true),
        Step.SchemeReply => new SchemeReplyOutcome(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "bench"),
        _ => new SchemeConfirmationOutcome(true, null),
    };

    private string Staff() => "staff-" + random.Next(1, 41).ToString("D2", CultureInfo.InvariantCulture);
}
