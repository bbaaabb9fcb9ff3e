using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Testing;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Security;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Bench.Scenarios;

/// <summary>A fixed clock the bench moves by hand (the scans see time pass one scan interval at a time).</summary>
public sealed class ScaleClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The scale scenario. The SupplyScheme service's database is created by its own migrations and its services are
/// wired as the service wires them (<c>AddServiceDatabase</c> + <c>AddDepartmentWorkflow</c>, a host that is built but
/// not started, on a clock the bench moves), so the worklist is timed through the endpoint's own method
/// (<see cref="WorkItemsApi.List{TContext}"/>) and the deadline scan through <see cref="SupervisionScanner.ScanOnceAsync"/>.
/// The database grows through <see cref="ScaleOptions.Sizes"/>; at each size every query runs
/// <see cref="ScaleOptions.Repetitions"/> times (after 3 untimed runs), and its SQL and SQLite plan are kept.
/// </summary>
public static class ScaleScenario
{
    /// <summary>Monday 2026-11-30 10:00 China time: a working morning.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    public const string WorklistOpen = "worklist-open";
    public const string WorklistOpenUndated = "worklist-open-undated";
    public const string WorklistApplication = "worklist-application";
    public const string Scan = "scan";
    public const string DueTimers = "scan-due-timers";
    public const string Unsupervised = "scan-unsupervised";
    public const string Overdue = "scan-overdue";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [WorklistOpen] = "worklist `GET /api/supply-scheme/work-items?status=open` (first page: 200, earliest due first)",
        [WorklistOpenUndated] = "worklist, second half (only when the dated items do not fill the page): items without a due date",
        [WorklistApplication] = "worklist `GET /api/supply-scheme/work-items?status=open&applicationId=…` (one query, sorted)",
        [Scan] = "**one deadline scan** (`SupervisionScanner.ScanOnceAsync`, clock +5 s per scan)",
        [DueTimers] = "scan query 1: due unfired timers (one batch of 200)",
        [Unsupervised] = "scan query 2: running items without timers (one batch of 200; the catch-up, on the scans after a start until none is left)",
        [Overdue] = "scan query 3: overdue running items, one COUNT per department (the gauge; rows = departments with any)",
    };

    public static async Task<ScaleRun> RunAsync(ScaleOptions options, CancellationToken cancellationToken)
    {
        var log = options.Log ?? Console.WriteLine;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var stateDirectory = Path.GetFullPath(options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "yekuo-bench", $"scale-{stamp}"));
        Directory.CreateDirectory(stateDirectory);
        var databasePath = Path.Combine(stateDirectory, "supplyscheme.db");
        var connectionString = $"Data Source={databasePath}";
        var repositoryRoot = RepositoryRoot.Find();
        var run = new ScaleRun
        {
            Options = options,
            Machine = MachineInfo.Collect(repositoryRoot),
            StartedAt = DateTimeOffset.Now,
            LoadAtStart = MachineInfo.LoadAverage(),
            DatabasePath = databasePath,
        };
        var clock = new ScaleClock(Start);
        var total = Stopwatch.StartNew();
        log($"scale: sizes {string.Join(", ", options.Sizes)}, closed history {options.ClosedRatio} per open item, {options.Repetitions} repetitions, seed {options.Seed}");
        log($"scale: database {databasePath}");

        using var host = BuildHost(stateDirectory, connectionString, clock);
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                run.Migrations.AddRange(await db.Database.GetAppliedMigrationsAsync(cancellationToken));
            }

            var random = new Random(options.Seed);
            var seeder = new ScaleSeeder(host.Services.GetRequiredService<DeadlinePlanner>(), host.Services.GetRequiredService<SupervisionPlanner>(), random);
            var scanner = host.Services.GetRequiredService<SupervisionScanner>();
            var scanInterval = host.Services.GetRequiredService<IOptions<SupervisionOptions>>().Value.ScanInterval;
            var batchSize = host.Services.GetRequiredService<IOptions<SupervisionOptions>>().Value.BatchSize;
            var staff = Staff();
            var open = 0;
            foreach (var size in options.Sizes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var adding = size - open;
                var closed = (int)Math.Round(adding * options.ClosedRatio);
                log($"scale: seeding {adding:N0} open and {closed:N0} closed work items (to {size:N0} open)...");
                ScaleSeedBatch batch;
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    batch = seeder.Seed(scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>(), connectionString, adding, closed, clock.Now);
                }
                open = size;
                var bytes = new FileInfo(databasePath).Length + (File.Exists(databasePath + "-wal") ? new FileInfo(databasePath + "-wal").Length : 0);
                run.Seeds.Add(new ScaleSeedStep(size, batch, bytes));
                log($"scale: seeded {batch.Rows:N0} rows in {batch.Seconds:0.0} s ({batch.Rows / Math.Max(0.001, batch.Seconds):N0} rows/s), database {bytes / 1048576.0:N0} MB");

                var applications = await SampleApplicationsAsync(connectionString, 500, cancellationToken);
                await CheckSeedAsync(host, applications[0], cancellationToken);
                var plans = new Dictionary<string, ScalePlan>();
                run.Plans[size] = plans;

                // (a) the worklist, through the endpoint's own method.
                plans[WorklistOpen] = await PlanAsync(host, db => Dated(WorkItemsApi.WorklistPage(db.WorkItems.AsNoTracking(), staff, "open", null, null, null, null).Page!), cancellationToken);
                plans[WorklistOpenUndated] = await PlanAsync(host, db => Undated(WorkItemsApi.WorklistPage(db.WorkItems.AsNoTracking(), staff, "open", null, null, null, null).Page!), cancellationToken);
                run.Results.Add(await MeasureAsync(WorklistOpen, size, options, log, async _ =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                    var result = await WorkItemsApi.List(db, Http(staff), "open", null, null, null, null, cancellationToken);
                    return (long)((Ok<WorkItemDto[]>)result.Result).Value!.Length;
                }));

                plans[WorklistApplication] = await PlanAsync(host, db => Dated(WorkItemsApi.WorklistPage(db.WorkItems.AsNoTracking(), staff, "open", applications[0], null, null, null).Page!), cancellationToken);
                run.Results.Add(await MeasureAsync(WorklistApplication, size, options, log, async i =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                    var id = applications[(i + applications.Count) % applications.Count];
                    var result = await WorkItemsApi.List(db, Http(staff), "open", id, null, null, null, cancellationToken);
                    return (long)((Ok<WorkItemDto[]>)result.Result).Value!.Length;
                }));

                // (b) the deadline scan as the scanner runs it, and each of its queries on its own. First the first scan of a
                // scanner just started (it includes the catch-up for items without timers), then the steady state.
                clock.Now += scanInterval;
                var startWatch = Stopwatch.StartNew();
                var started = await ActivatorUtilities.CreateInstance<SupervisionScanner>(host.Services).ScanOnceAsync(cancellationToken);
                var firstAfterStartMs = startWatch.Elapsed.TotalMilliseconds;
                var planned = started.Planned;
                var scanRows = 0L;
                var firstScanMs = 0.0;
                var scan = await MeasureAsync(Scan, size, options, log, async i =>
                {
                    clock.Now += scanInterval;
                    var watch = Stopwatch.StartNew();
                    var result = await scanner.ScanOnceAsync(cancellationToken);
                    if (i == -3)
                    {
                        firstScanMs = watch.Elapsed.TotalMilliseconds;
                    }
                    planned += result.Planned;
                    scanRows += result.Raised + result.Dropped;
                    return (long)(result.Raised + result.Dropped);
                });
                run.Results.Add(scan with
                {
                    Note = $"{scanRows:N0} timers fired or dropped over {scan.Samples.Count + 3} scans ({(scan.Samples.Count + 3) * scanInterval.TotalSeconds:0} s of clock); " +
                           $"{planned} items planned; the first scan of a just-started scanner (with the catch-up query) took {firstAfterStartMs:0.0} ms, " +
                           $"the first steady one after seeding {firstScanMs:0.0} ms",
                });

                plans[DueTimers] = await PlanAsync(host, db => SupervisionScanner.DueTimers(db, clock.Now, batchSize), cancellationToken);
                run.Results.Add(await MeasureAsync(DueTimers, size, options, log, async _ =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                    // What the next scan will find: the timers due within the next scan interval.
                    return (long)(await SupervisionScanner.DueTimers(db, clock.Now + scanInterval, batchSize).AsNoTracking().ToListAsync(cancellationToken)).Count;
                }));

                plans[Unsupervised] = await PlanAsync(host, db => SupervisionScanner.UnsupervisedItems(db, batchSize), cancellationToken);
                run.Results.Add(await MeasureAsync(Unsupervised, size, options, log, async _ =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                    return (long)(await SupervisionScanner.UnsupervisedItems(db, batchSize).AsNoTracking().ToListAsync(cancellationToken)).Count;
                }));

                plans[Overdue] = await PlanAsync(host, db => SupervisionScanner.Overdue(db, Department.SupplyScheme, clock.Now), cancellationToken, count: true);
                long overdueItems = 0;
                var overdue = await MeasureAsync(Overdue, size, options, log, async _ =>
                {
                    // As the scanner counts: one COUNT per department.
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
                    long departments = 0, items = 0;
                    foreach (var department in Enum.GetValues<Department>())
                    {
                        var count = await SupervisionScanner.Overdue(db, department, clock.Now).LongCountAsync(cancellationToken);
                        departments += count > 0 ? 1 : 0;
                        items += count;
                    }
                    overdueItems = items;
                    return departments;
                });
                run.Results.Add(overdue with { Note = $"{overdueItems:N0} overdue running items counted ({overdueItems * 100.0 / size:0.0} % of the open items)" });
            }

            run.Indexes.AddRange(await IndexesAsync(connectionString, cancellationToken));
        }
        finally
        {
            run.TotalSeconds = total.Elapsed.TotalSeconds;
            run.LoadAtEnd = MachineInfo.LoadAverage();
            SqliteConnection.ClearAllPools();
            if (!options.KeepState)
            {
                try { Directory.Delete(stateDirectory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        return run;
    }

    /// <summary>The worklist's first query (the dated items; for one application, its only one) as the page reads it.</summary>
    private static IQueryable<YeKuo.Workflow.Hosting.Domain.WorkItem> Dated(WorkItemsApi.WorklistQuery page) => page.Parts[0].Take(page.Limit);

    /// <summary>The worklist's second query (the undated items), read only when the dated ones do not fill the page.</summary>
    private static IQueryable<YeKuo.Workflow.Hosting.Domain.WorkItem> Undated(WorkItemsApi.WorklistQuery page) => page.Parts[1].Take(page.Limit);

    private static IHost BuildHost(string directory, string connectionString, TimeProvider clock)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = directory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:supplyschemedb"] = connectionString });
        // As YeKuo.SupplyScheme wires it (its step completions play no part in the worklist or the scan).
        builder.AddServiceDatabase<SupplySchemeDbContext, SqliteSupplySchemeDbContext, SqlServerSupplySchemeDbContext>("supplyschemedb");
        builder.AddDepartmentWorkflow();
        builder.Services.AddSingleton(clock);
        return builder.Build();
    }

    /// <summary>SupplyScheme staff, as the validated token would make them.</summary>
    private static ClaimsPrincipal Staff() => new(new ClaimsIdentity(
        [new Claim(ClaimNames.Subject, "staff-01"), new Claim(ClaimNames.Role, Roles.Staff), new Claim(ClaimNames.Department, Departments.SupplyScheme)],
        "Bearer", ClaimNames.Subject, ClaimNames.Role));

    private static DefaultHttpContext Http(ClaimsPrincipal user) => new() { User = user };

    private static async Task<ScaleResult> MeasureAsync(string key, int size, ScaleOptions options, Action<string> log, Func<int, Task<long>> run)
    {
        long rows = 0;
        for (var warmup = -3; warmup < 0; warmup++)
        {
            rows = await run(warmup);
        }
        var samples = new List<double>(options.Repetitions);
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < options.Repetitions && (budget.Elapsed.TotalSeconds < options.MaxSeconds || samples.Count < 5); i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await run(i);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        var result = new ScaleResult(key, size, samples, rows, null);
        log($"scale: {size,9:N0}  {key,-22} p50 {result.P50,8:0.00} ms  p99 {result.P99,8:0.00} ms  max {result.Max,8:0.00} ms  rows {rows}  (n={samples.Count})");
        return result;
    }

    /// <summary>The SQL of <paramref name="query"/> (with <paramref name="count"/>: of its COUNT(*), as EF sends it for LongCountAsync) and its plan.</summary>
    private static async Task<ScalePlan> PlanAsync<T>(IHost host, Func<SupplySchemeDbContext, IQueryable<T>> query, CancellationToken cancellationToken, bool count = false)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
        var queryable = query(db);
        string Counted(string text) => count ? "SELECT COUNT(*)" + text[text.IndexOf("\nFROM ", StringComparison.Ordinal)..] : text;
        var sql = Counted(queryable.ToQueryString());
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = queryable.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + Counted(command.CommandText);
            var depth = new Dictionary<long, int>();
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var parent = reader.GetInt64(1);
                var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
                depth[id] = level;
                lines.Add(new string(' ', level * 2) + reader.GetString(3));
            }
            return new ScalePlan(sql, lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyList<Guid>> SampleApplicationsAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Open items only, spread over the table (rowid steps), in a shuffled order.
        command.CommandText = "SELECT ApplicationId FROM WorkItems WHERE Status IN ('Open', 'InProgress', 'Paused') AND abs(random()) % 100 < 2 LIMIT $n";
        command.Parameters.AddWithValue("$n", count);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }
        return ids.OrderBy(_ => Random.Shared.Next()).ToList();
    }

    /// <summary>The seeded rows read back through EF: what the bulk insert wrote is what the model expects.</summary>
    private static async Task CheckSeedAsync(IHost host, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
        var item = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.ApplicationId == applicationId, cancellationToken)
            ?? throw new InvalidOperationException($"Seeded application {applicationId} is not found through EF: the seeding wrote rows the model cannot read.");
        if (item.Plan.Count == 0 || item.Id == Guid.Empty || !await db.WorkItems.AsNoTracking().AnyAsync(w => w.Id == item.Id, cancellationToken))
        {
            throw new InvalidOperationException($"Seeded work item {item.Id} does not read back through EF.");
        }
    }

    private static async Task<IReadOnlyList<string>> IndexesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('WorkItems', 'WorkItemPauses', 'SupervisionTimers') ORDER BY tbl_name, name";
        var indexes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add(reader.IsDBNull(2) ? $"{reader.GetString(0)}: {reader.GetString(1)} (primary key)" : reader.GetString(2));
        }
        return indexes;
    }
}
