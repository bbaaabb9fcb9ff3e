using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Policies;

namespace YeKuo.Bench.Scenarios;

/// <summary>What the progress seeding wrote.</summary>
public sealed record ProgressSeed(
    IReadOnlyList<(Guid Id, string CustomerId)> Applications,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByClass,
    long TimelineEntries,
    long Pauses,
    double Seconds,
    long DatabaseBytes);

/// <summary>
/// Fills the Acceptance service's database (created by its own migrations) with applications and the timelines the
/// departments would have reported: every customer class in the chaos mix, submitted over the last 240 days under the
/// policy in force on the day, each step opened after the previous one, due by its policy clock (working days),
/// completed after 20–115 % of its limit (some late), customer steps after 1–10 days, 8 % of steps paused for the
/// customer, 10 % of 竣工验收 failed once and re-inspected; applications old enough are PowerConnected, the rest in
/// progress at the step reached now, ≈ 1 % rejected at 受理 and 2 % withdrawn. Built with the domain's own
/// <see cref="Application"/> methods, written through <see cref="SqliteBulkInserter"/> in one transaction.
/// </summary>
public static class ProgressSeeder
{
    private static readonly string[] Managers = ["cm-zhang", "cm-li", "cm-wang"];
    private static readonly string[] PauseReasons = ["客户资料不全", "联系不上客户", "客户要求暂缓", "客户设计施工未完成"];

    public static string CustomerOf(int index) => $"bench-c{index:D6}";

    public static async Task<ProgressSeed> SeedAsync(string connectionString, int count, DateTimeOffset now, int seed, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<SqliteAcceptanceDbContext>().UseSqlite(connectionString).Options;
        await using var model = new SqliteAcceptanceDbContext(options);
        await model.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        await model.Database.MigrateAsync(cancellationToken);

        var random = new Random(seed);
        var calendar = WorkingDayCalendar.LoadDefault();
        var policies = TimeLimitPolicyBook.LoadDefault();
        var deadlines = new DeadlinePlanner(calendar, policies);
        var daily = new Dictionary<DateOnly, int>();
        var applications = new List<(Guid, string)>(count);
        var byStatus = new Dictionary<string, int>();
        var byClass = new Dictionary<string, int>();

        using var connection = SqliteBulkInserter.OpenForSeeding(connectionString);
        using var transaction = connection.BeginTransaction();
        using var insertApplication = new SqliteBulkInserter(model, connection, transaction, typeof(Application));
        using var insertEntry = new SqliteBulkInserter(model, connection, transaction, typeof(TimelineEntry));
        using var insertPause = new SqliteBulkInserter(model, connection, transaction, typeof(TimelinePause));

        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var customerClass = Enum.Parse<CustomerClass>(CustomerClasses.Mix[random.Next(CustomerClasses.Mix.Count)]);
            var submittedAt = now - TimeSpan.FromDays(random.NextDouble() * 240);
            var date = ChinaTime.BusinessDate(submittedAt);
            var policy = policies.ForDate(date);
            var plan = policy.StepsFor(customerClass);
            daily[date] = daily.GetValueOrDefault(date) + 1;
            var customerId = CustomerOf(i);
            var (voltage, capacity, sources) = customerClass switch
            {
                CustomerClass.HighVoltageSingleSource => (10m, 800m, 1),
                CustomerClass.HighVoltageDualSource => (10m, 2000m, 2),
                CustomerClass.Residential => (0.22m, 8m, 1),
                CustomerClass.SmallMicroBusiness => (0.4m, 50m, 1),
                _ => (0.4m, 100m, 1),
            };
            var identity = customerClass == CustomerClass.Residential ? CustomerClasses.ResidentId : CustomerClasses.CreditCode;
            var application = Application.Submit(
                ApplicationNumbers.Format(date, daily[date]), customerId, $"进度测试客户 {i:D6}", customerClass, identity, "13800138000",
                $"青海省海北州西海镇工业园 {i} 号", capacity, voltage, sources, KindDetails.NewConnection, plan, policy.Version, submittedAt);

            var manager = Managers[random.Next(Managers.Length)];
            var clocks = new Dictionary<Step, DateTimeOffset>();
            var t = submittedAt;
            var allDone = true;
            foreach (var step in plan)
            {
                var rounds = step == Step.CompletionAcceptance && random.NextDouble() < 0.10 ? 2 : 1;
                var stop = false;
                for (var round = 1; round <= rounds; round++)
                {
                    var openedAt = t + TimeSpan.FromMinutes(1 + random.NextDouble() * 120);
                    if (openedAt > now)
                    {
                        stop = true;
                        break;
                    }
                    var limit = policy.LimitFor(customerClass, step);
                    DateTimeOffset? dueAt = null;
                    TimeSpan duration;
                    if (limit.IsCustomerTime)
                    {
                        duration = TimeSpan.FromDays(1 + random.NextDouble() * 9);
                    }
                    else
                    {
                        var owner = policy.ClockFor(customerClass, step).Owner;
                        if (!clocks.TryGetValue(owner, out var clockStart))
                        {
                            clockStart = openedAt;
                            clocks[owner] = clockStart;
                        }
                        dueAt = deadlines.For(customerClass, policy.Version, step, clockStart).DueAt;
                        var span = (dueAt ?? openedAt.AddDays(3)) - openedAt;
                        duration = (span > TimeSpan.FromHours(2) ? span : TimeSpan.FromHours(2)) * (0.2 + random.NextDouble() * 0.95);
                    }

                    var entry = new TimelineEntry
                    {
                        WorkItemId = Guid.CreateVersion7(openedAt),
                        ApplicationId = application.Id,
                        Step = step,
                        Department = StepCatalogue.Of(step).Responsible,
                        Round = round,
                        OpenedAt = openedAt,
                        DueAt = dueAt,
                    };
                    var who = StepCatalogue.Of(step).IsCustomerStep ? customerId : $"staff-{random.Next(1, 41):D2}";
                    if (random.NextDouble() < 0.9)
                    {
                        entry.Assignee = who;
                        entry.ClaimedAt = openedAt + TimeSpan.FromMinutes(random.NextDouble() * 60);
                    }

                    TimelinePause? pause = null;
                    if (random.NextDouble() < 0.08)
                    {
                        var pausedAt = openedAt + duration * (0.1 + random.NextDouble() * 0.4);
                        var pausedFor = TimeSpan.FromDays(1 + random.NextDouble() * 4);
                        duration += pausedFor;
                        pause = new TimelinePause
                        {
                            WorkItemId = entry.WorkItemId,
                            PausedAt = pausedAt,
                            ResumedAt = pausedAt + pausedFor <= now ? pausedAt + pausedFor : null,
                            Reason = PauseReasons[random.Next(PauseReasons.Length)],
                        };
                        if (pausedAt > now)
                        {
                            pause = null;
                        }
                    }

                    var completedAt = openedAt + duration;
                    var rejectedHere = step == Step.Acceptance && random.NextDouble() < 0.01;
                    if (completedAt <= now && !rejectedHere)
                    {
                        entry.CompletedAt = completedAt;
                        entry.CompletedBy = who;
                        entry.Assignee ??= who;
                        entry.ClaimedAt ??= openedAt;
                        // Only the re-check loop matters to progress reads; other families' details are not read.
                        entry.Outcome = step == Step.CompletionAcceptance
                            ? new InspectionOutcome(round == rounds, round == rounds ? [] : ["接地电阻超标"], null)
                            : null;
                        t = completedAt;
                        if (step == Step.Acceptance)
                        {
                            application.Accept(policy.Version, plan, manager, completedAt);
                        }
                    }
                    else
                    {
                        stop = true;
                    }
                    insertEntry.Add(entry);
                    if (pause is not null)
                    {
                        insertPause.Add(pause);
                    }
                    if (rejectedHere)
                    {
                        application.Reject("资料不全: 缺少产权证明", openedAt + TimeSpan.FromHours(3) <= now ? openedAt + TimeSpan.FromHours(3) : now);
                    }
                    if (stop)
                    {
                        break;
                    }
                }
                if (stop)
                {
                    allDone = false;
                    break;
                }
            }

            if (allDone && application.Status == ApplicationStatus.InProgress)
            {
                application.MarkPowerConnected(t);
            }
            else if (application.IsActive && application.Status == ApplicationStatus.InProgress && random.NextDouble() < 0.02)
            {
                application.Withdraw("客户撤回: 项目取消", t + (now - t) * random.NextDouble());
            }
            insertApplication.Add(application);
            applications.Add((application.Id, customerId));
            byStatus[application.Status.ToString()] = byStatus.GetValueOrDefault(application.Status.ToString()) + 1;
            byClass[customerClass.ToString()] = byClass.GetValueOrDefault(customerClass.ToString()) + 1;
        }
        transaction.Commit();
        // The load went through the WAL: fold it into the database now, not in the first measured commit.
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        connection.Close();

        // Read one back through EF: what the bulk insert wrote is what the model reads.
        var (checkId, checkCustomer) = applications[count / 2];
        var check = await model.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == checkId, cancellationToken);
        if (check is null || check.CustomerId != checkCustomer || !await model.Timeline.AnyAsync(e => e.ApplicationId == checkId, cancellationToken))
        {
            throw new InvalidOperationException($"Seeded application {checkId} does not read back through EF.");
        }
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        return new ProgressSeed(applications, byStatus, byClass, insertEntry.Rows, insertPause.Rows, stopwatch.Elapsed.TotalSeconds, bytes);
    }

    public static string Describe(ProgressSeed seed) => string.Join(", ", seed.ByStatus.OrderByDescending(s => s.Value)
        .Select(s => $"{s.Key} {s.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
}
