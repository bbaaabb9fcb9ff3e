using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using YeKuo.Contracts;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// The chaos scenario: starts the whole system from the AppHost graph (<see cref="YeKuoSystem"/>) in a fresh
/// state directory, lets <see cref="ChaosOptions.Workers"/> department actors drive <see cref="ChaosOptions.Applications"/>
/// applications of mixed classes through every step via the gateway while a monkey SIGKILLs department services and
/// restarts the broker, then checks that nothing was lost or done twice.
/// </summary>
public static class ChaosScenario
{
    public static readonly IReadOnlyList<string> Services = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? Console.WriteLine;
        var seed = options.Seed ?? Environment.TickCount;
        var random = new Random(seed);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var stateDirectory = Path.GetFullPath(options.StateDirectory
            ?? Path.Combine(Path.GetTempPath(), "yekuo-bench", $"chaos-{stamp}-{Guid.NewGuid().ToString("N")[..6]}"));
        Directory.CreateDirectory(stateDirectory);
        var configuration = options.Configuration
            ?? typeof(ChaosScenario).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? "Release";
        var fileSink = options.ResourceLogSink is null ? new FileLogSink(Path.Combine(stateDirectory, "logs")) : null;

        var systemOptions = new SystemOptions
        {
            StateDirectory = stateDirectory,
            LogSink = options.ResourceLogSink ?? fileSink!.Write,
            // A restart during chaos on a loaded 2-core machine can take a minute (RabbitMQ measured 60.7 s at load 40);
            // slow is not lost, so the monkey waits longer than a developer's start-up would.
            StartTimeout = TimeSpan.FromMinutes(3),
        };
        YeKuoSystem? app = null;

        var counters = new ActorCounters();
        var report = new ChaosReport
        {
            Options = options,
            Seed = seed,
            StateDirectory = stateDirectory,
            Configuration = configuration,
            Machine = MachineInfo.Collect(RepositoryRoot.Find()),
            StartedAt = DateTimeOffset.Now,
            Counters = counters,
        };
        report.LoadAtStart = MachineInfo.LoadAverage();
        var total = Stopwatch.StartNew();
        log($"chaos: {options.Applications} applications, {options.Workers} workers, {options.Kills} kills, {options.BrokerRestarts} broker restart(s), seed {seed}");
        log($"chaos: state {stateDirectory}, {configuration} outputs");
        try
        {
            var startup = Stopwatch.StartNew();
            try
            {
                app = await YeKuoSystem.StartAsync(systemOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                report.StartupError = e.Message;
                log("chaos: the system did not start: " + e.Message);
                return report;
            }
            report.StartupSeconds = startup.Elapsed.TotalSeconds;
            log($"chaos: system started in {report.StartupSeconds:0.0} s; gateway {app.GetEndpoint("gateway")}");

            using var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(5),
                MaxConnectionsPerServer = Math.Max(64, options.Workers * 4),
            };
            using var authenticated = new DevTokenHandler(app.GetEndpoint("gateway"), handler);
            using var http = new HttpClient(authenticated, disposeHandler: false) { BaseAddress = app.GetEndpoint("gateway"), Timeout = Timeout.InfiniteTimeSpan };
            var actor = new GatewayActor(http, options, counters);

            var plans = await LoadPlansAsync(actor, report, cancellationToken).ConfigureAwait(false);
            var cases = Enumerable.Range(1, options.Applications).Select(i =>
            {
                var customerClass = CustomerClasses.Mix[(i - 1 + random.Next(CustomerClasses.Mix.Count)) % CustomerClasses.Mix.Count];
                return new AppCase(i, customerClass, $"chaos-{stamp}-{i:D5}", plans[customerClass]);
            }).ToList();
            foreach (var group in cases.GroupBy(c => c.CustomerClass)) report.ClassCounts[group.Key] = group.Count();
            report.TotalSteps = cases.Sum(c => c.Plan.Count);

            // ---- drive, with the monkey ------------------------------------------------------------------------------
            var drive = Stopwatch.StartNew();
            var stepsDone = 0;
            double Progress() => (double)Volatile.Read(ref stepsDone) / report.TotalSteps;
            using var stopMonkey = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var monkey = new ChaosMonkey(app, options, new Random(seed ^ 0x5eed), Progress, total, log);
            var monkeyTask = Task.Run(() => monkey.RunAsync(stopMonkey.Token), CancellationToken.None);
            using var progressTimer = new Timer(_ =>
                log($"chaos: {drive.Elapsed.TotalSeconds,6:0.0} s  steps {Volatile.Read(ref stepsDone)}/{report.TotalSteps}  " +
                    $"applications done {cases.Count(c => c.Driven)}/{cases.Count}  transient {counters.Transient}"), null, 5000, 5000);

            using var driveCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watchdog = Task.Run(async () =>
            {
                var last = -1;
                var since = Stopwatch.StartNew();
                while (!driveCancel.IsCancellationRequested)
                {
                    try { await Task.Delay(1000, driveCancel.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                    var now = Volatile.Read(ref stepsDone);
                    if (now != last)
                    {
                        last = now;
                        since.Restart();
                    }
                    else if (since.Elapsed > options.StallTimeout)
                    {
                        report.Stall = $"no step completed for {options.StallTimeout.TotalSeconds:0} s at {drive.Elapsed.TotalSeconds:0} s into the drive " +
                            $"({now}/{report.TotalSteps} steps done); the drive was abandoned";
                        log("chaos: STALL: " + report.Stall);
                        await driveCancel.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }, CancellationToken.None);

            var next = -1;
            var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= cases.Count) return;
                    var c = cases[index];
                    try
                    {
                        await actor.DriveAsync(c, () => Interlocked.Increment(ref stepsDone), driveCancel.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (driveCancel.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        c.DriveError = $"abandoned after {c.Steps.Count}/{c.Plan.Count} steps when the drive stalled, while {c.Phase}";
                    }
                    catch (ChaosDriveException e)
                    {
                        c.DriveError = e.Message;
                        Interlocked.Add(ref stepsDone, c.Plan.Count - c.Steps.Count);
                        log($"chaos: application {c.Index} ({c.CustomerClass}, {c.Number ?? c.Id.ToString()}) stopped: {e.Message}");
                    }
                }
            }, CancellationToken.None)).ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
            report.DriveSeconds = drive.Elapsed.TotalSeconds;
            await driveCancel.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
            await progressTimer.DisposeAsync().ConfigureAwait(false);
            log($"chaos: drive finished in {report.DriveSeconds:0.0} s; waiting for the monkey to finish its last action");

            // The monkey's thresholds are all below 100 %; if the drive failed early some may not have been reached.
            var monkeyDone = await Task.WhenAny(monkeyTask, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken)).ConfigureAwait(false) == monkeyTask;
            if (!monkeyDone) await stopMonkey.CancelAsync().ConfigureAwait(false);
            try { await monkeyTask.ConfigureAwait(false); }
            catch (OperationCanceledException) when (stopMonkey.IsCancellationRequested) { }
            report.ChaosEvents.AddRange(monkey.Events);

            // ---- settle and check ------------------------------------------------------------------------------------
            var settle = Stopwatch.StartNew();
            await CheckAsync(app, actor, cases, report, options, log, cancellationToken).ConfigureAwait(false);
            report.SettleSeconds = settle.Elapsed.TotalSeconds;
            Summarize(cases, report);
        }
        finally
        {
            report.TotalSeconds = total.Elapsed.TotalSeconds;
            report.LoadAtEnd = MachineInfo.LoadAverage();
            fileSink?.Flush();
            if (app is not null) await app.DisposeAsync().ConfigureAwait(false);
            fileSink?.Dispose();
            if (report.Passed && !options.KeepState)
            {
                try { Directory.Delete(stateDirectory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        return report;
    }

    /// <summary>The step plan per customer class from the time-limit policy in force today (GET /api/policies/time-limits).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> LoadPlansAsync(GatewayActor actor, ChaosReport report, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await actor.GetAsync("/api/policies/time-limits", ct).ConfigureAwait(false);
            if (result is { Status: HttpStatusCode.OK } ok)
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
                var policies = JsonSerializer.Deserialize<JsonElement[]>(ok.Body, Json)!;
                var inForce = policies
                    .Where(p => DateOnly.Parse(p.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture) <= today)
                    .OrderByDescending(p => DateOnly.Parse(p.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture))
                    .First();
                report.PolicyVersion = inForce.GetProperty("version").GetString();
                return inForce.GetProperty("classes").EnumerateArray().ToDictionary(
                    c => c.GetProperty("customerClass").GetString()!,
                    c => CustomerClasses.PlanOf(c.GetProperty("customerClass").GetString()!, c));
            }
            if (attempt > 50) throw new InvalidOperationException("GET /api/policies/time-limits failed: " + (result?.Status.ToString() ?? "no answer"));
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    // ---- checks ------------------------------------------------------------------------------------------------------

    private sealed class Observed
    {
        public string? Status;
        public JsonElement[] Timeline = [];
        public string[] Plan = [];
        public string[] NoticeKinds = [];
        public bool Settled;
    }

    private static async Task CheckAsync(YeKuoSystem app, GatewayActor actor, List<AppCase> cases, ChaosReport report,
        ChaosOptions options, Action<string> log, CancellationToken ct)
    {
        var submitted = cases.Where(c => c.Id != Guid.Empty).ToList();
        var observed = submitted.ToDictionary(c => c.Id, _ => new Observed());
        // Slow is not lost: the wait ends when everything settled, or when nothing moved (no application settled, no
        // outbox row sent) for the settle timeout; a loaded machine drains late, a real loss stops moving.
        var window = report.Stall is null ? options.SettleTimeout : TimeSpan.FromSeconds(Math.Min(30, options.SettleTimeout.TotalSeconds));
        var deadline = DateTime.UtcNow + window;
        var unsent = new Dictionary<string, long>();
        (int Unsettled, long Unsent) last = (int.MaxValue, long.MaxValue);
        while (true)
        {
            var pending = submitted.Where(c => !observed[c.Id].Settled).ToList();
            using var gate = new SemaphoreSlim(Math.Max(4, options.Workers));
            await Task.WhenAll(pending.Select(async c =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try { await ObserveAsync(actor, c, observed[c.Id], ct).ConfigureAwait(false); }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
            unsent = CountUnsentOutbox(app.StateDirectory);
            var unsettled = submitted.Count(c => !observed[c.Id].Settled);
            var unsentTotal = unsent.Values.Where(v => v > 0).Sum();
            if (unsettled == 0 && unsent.Values.All(v => v == 0)) break;
            if (unsettled < last.Unsettled || unsentTotal < last.Unsent)
            {
                last = (Math.Min(unsettled, last.Unsettled), Math.Min(unsentTotal, last.Unsent));
                deadline = DateTime.UtcNow + window;
            }
            if (DateTime.UtcNow > deadline) break;
            log($"chaos: settling: {unsettled} application(s) not yet complete, unsent outbox rows {unsent.Values.Sum()}");
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }
        foreach (var (service, count) in unsent) report.UnsentOutbox[service] = count;

        // 1. Every application submitted and completed (PowerConnected).
        var notSubmitted = cases.Where(c => c.Id == Guid.Empty).ToList();
        var notCompleted = submitted.Where(c => observed[c.Id].Status != "PowerConnected").ToList();
        report.Submitted = submitted.Count;
        report.Driven = cases.Count(c => c.Driven);
        report.Completed = submitted.Count - notCompleted.Count;
        report.Checks.Add(new CheckResult("every application completed (PowerConnected)",
            notSubmitted.Count == 0 && notCompleted.Count == 0,
            $"{report.Completed}/{cases.Count} PowerConnected; {notSubmitted.Count} not submitted; {notCompleted.Count} not completed",
            notSubmitted.Select(c => $"application {c.Index} ({c.CustomerClass}) never submitted: {c.DriveError}")
                .Concat(notCompleted.Select(c => $"{c.Number} ({c.CustomerClass}, {c.Id}) status {observed[c.Id].Status ?? "unknown"}; " +
                    $"steps done by the actor {c.Steps.Count}/{c.Plan.Count}{(c.DriveError is null ? "" : "; actor stopped: " + c.DriveError)}; " +
                    TracePowerConnected(app.StateDirectory, c.Id)))
                .ToList()));

        // 2. Each step of the plan exactly once in the timeline: no duplicate (step, round), none missing.
        var duplicates = new List<string>();
        var missing = new List<string>();
        var planMismatch = new List<string>();
        foreach (var c in submitted)
        {
            var o = observed[c.Id];
            if (o.Plan.Length > 0 && !o.Plan.SequenceEqual(c.Plan))
                planMismatch.Add($"{c.Number}: plan {string.Join(">", o.Plan)} but policy says {string.Join(">", c.Plan)}");
            foreach (var group in o.Timeline.GroupBy(e => (Step: e.GetProperty("step").GetString(), Round: e.GetProperty("round").GetInt32())))
            {
                if (group.Count() > 1) duplicates.Add($"{c.Number} ({c.Id}): {group.Key.Step} round {group.Key.Round} appears {group.Count()} times");
            }
            foreach (var step in c.Plan)
            {
                var entry = o.Timeline.FirstOrDefault(e => e.GetProperty("step").GetString() == step);
                if (entry.ValueKind != JsonValueKind.Object) missing.Add($"{c.Number} ({c.Id}): {step} missing from the timeline");
                else if (entry.GetProperty("completedAt").ValueKind == JsonValueKind.Null) missing.Add($"{c.Number} ({c.Id}): {step} on the timeline but not completed");
            }
            foreach (var extra in o.Timeline.Select(e => e.GetProperty("step").GetString()!).Distinct().Except(c.Plan))
                duplicates.Add($"{c.Number} ({c.Id}): {extra} on the timeline but not in the plan");
        }
        report.Checks.Add(new CheckResult("timeline: each step of the plan exactly once",
            duplicates.Count == 0 && missing.Count == 0 && planMismatch.Count == 0,
            $"{duplicates.Count} duplicated, {missing.Count} missing/incomplete, {planMismatch.Count} plan mismatches",
            duplicates.Concat(missing).Concat(planMismatch).ToList()));

        // Server-side handoff latency: previous step completed → this step opened (both stamped by the services).
        foreach (var c in submitted)
        {
            var timeline = observed[c.Id].Timeline;
            for (var i = 1; i < c.Plan.Count; i++)
            {
                var previous = timeline.FirstOrDefault(e => e.GetProperty("step").GetString() == c.Plan[i - 1]);
                var current = timeline.FirstOrDefault(e => e.GetProperty("step").GetString() == c.Plan[i]);
                if (previous.ValueKind != JsonValueKind.Object || current.ValueKind != JsonValueKind.Object) continue;
                if (previous.GetProperty("completedAt").ValueKind != JsonValueKind.String || current.GetProperty("startedAt").ValueKind != JsonValueKind.String) continue;
                var ms = (current.GetProperty("startedAt").GetDateTimeOffset() - previous.GetProperty("completedAt").GetDateTimeOffset()).TotalMilliseconds;
                if (!report.ServerHandoffs.TryGetValue(c.Plan[i], out var list)) report.ServerHandoffs[c.Plan[i]] = list = [];
                list.Add(ms);
            }
        }
        report.OutboxLatencies.AddRange(MeasureOutboxLatency(app.StateDirectory));

        // 3. Exactly one customer notice per customer-facing step.
        var noticeProblems = new List<string>();
        int missingNotices = 0, duplicateNotices = 0;
        foreach (var c in submitted)
        {
            var expected = CustomerClasses.ExpectedNotices(c.Plan);
            var got = observed[c.Id].NoticeKinds.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
            foreach (var kind in expected)
            {
                var n = got.GetValueOrDefault(kind);
                if (n == 0) { missingNotices++; noticeProblems.Add($"{c.Number} ({c.CustomerClass}, {c.Id}): no {kind} notice"); }
                else if (n > 1) { duplicateNotices += n - 1; noticeProblems.Add($"{c.Number} ({c.CustomerClass}, {c.Id}): {kind} notice {n} times"); }
            }
            foreach (var (kind, n) in got.Where(g => !expected.Contains(g.Key)))
            {
                duplicateNotices += n;
                noticeProblems.Add($"{c.Number} ({c.CustomerClass}, {c.Id}): unexpected notice {kind} x{n}");
            }
        }
        report.Checks.Add(new CheckResult("notices: exactly one per customer-facing step", noticeProblems.Count == 0,
            $"{missingNotices} missing, {duplicateNotices} duplicated/unexpected", noticeProblems));

        // 4. No unsent outbox row in any service database.
        report.Checks.Add(new CheckResult("outbox: no unsent row", unsent.Values.All(v => v == 0),
            string.Join(", ", unsent.Select(u => $"{u.Key} {u.Value}")),
            unsent.Where(u => u.Value != 0).Select(u => $"{u.Key}: {u.Value} row(s) with SentAt IS NULL; {DescribeUnsent(app.StateDirectory, u.Key)}").ToList()));

        if (report.Stall is not null)
            report.Checks.Add(new CheckResult("drive: no stall", false, report.Stall, []));

        // 5. Error queues empty (or every message listed with its reason).
        await CheckErrorQueuesAsync(app, report, ct).ConfigureAwait(false);

        report.Lost = notSubmitted.Count + notCompleted.Count + missing.Count + missingNotices;
        report.Duplicated = duplicates.Count + duplicateNotices;
        report.DriveErrors.AddRange(cases.Where(c => c.DriveError is not null).Select(c => $"{c.Number ?? "application " + c.Index} ({c.CustomerClass}): {c.DriveError}"));
        report.Anomalies.AddRange(report.Counters.Anomalies);
        if (report.Counters.AlreadyCompletedFirstTry > 0 || !report.Counters.Anomalies.IsEmpty)
        {
            report.Checks.Add(new CheckResult("actors: no anomaly (409 already Completed on a first attempt, duplicate submission)", false,
                $"{report.Counters.Anomalies.Count} anomalies", report.Counters.Anomalies.ToList()));
        }
    }

    private static async Task ObserveAsync(GatewayActor actor, AppCase c, Observed o, CancellationToken ct)
    {
        var application = await actor.GetAsync($"/api/applications/{c.Id}", ct).ConfigureAwait(false);
        if (application is { Status: HttpStatusCode.OK } a)
        {
            var doc = JsonSerializer.Deserialize<JsonElement>(a.Body, Json);
            o.Status = doc.GetProperty("status").GetString();
            o.Timeline = doc.GetProperty("timeline").EnumerateArray().ToArray();
            o.Plan = doc.GetProperty("plan").EnumerateArray().Select(s => s.GetString()!).ToArray();
        }
        var notices = await actor.GetAsync($"/api/notifications?applicationId={c.Id}&limit=500", ct).ConfigureAwait(false);
        if (notices is { Status: HttpStatusCode.OK } n)
        {
            o.NoticeKinds = JsonSerializer.Deserialize<JsonElement[]>(n.Body, Json)!.Select(x => x.GetProperty("kind").GetString()!).ToArray();
        }
        var expectedNotices = CustomerClasses.ExpectedNotices(c.Plan).Count;
        o.Settled = o.Status == "PowerConnected"
            && c.Plan.All(step => o.Timeline.Any(e => e.GetProperty("step").GetString() == step && e.GetProperty("completedAt").ValueKind != JsonValueKind.Null))
            && o.NoticeKinds.Length >= expectedNotices;
    }

    /// <summary><c>SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL</c> in each service's SQLite file.</summary>
    public static Dictionary<string, long> CountUnsentOutbox(string stateDirectory)
    {
        var result = new Dictionary<string, long>();
        foreach (var service in Services)
        {
            var file = Path.Combine(stateDirectory, service + ".db");
            if (!File.Exists(file))
            {
                result[service] = -1;
                continue;
            }
            try
            {
                using var connection = OpenReadOnly(file);
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL";
                result[service] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException)
            {
                result[service] = -1;
            }
        }
        return result;
    }

    /// <summary>The oldest unsent outbox rows of one service: when they were written, attempts, last error (times UTC).</summary>
    public static string DescribeUnsent(string stateDirectory, string service)
    {
        try
        {
            using var connection = OpenReadOnly(Path.Combine(stateDirectory, service + ".db"));
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT MIN(CreatedAt), MAX(CreatedAt), MAX(Attempts), (SELECT MAX(SentAt) FROM OutboxMessages), " +
                "(SELECT LastError FROM OutboxMessages WHERE SentAt IS NULL AND LastError IS NOT NULL ORDER BY Sequence LIMIT 1), " +
                "(SELECT GROUP_CONCAT(MessageType || ' x' || n, ', ') FROM (SELECT MessageType, COUNT(*) n FROM OutboxMessages WHERE SentAt IS NULL GROUP BY MessageType)) " +
                "FROM OutboxMessages WHERE SentAt IS NULL";
            using var reader = command.ExecuteReader();
            if (!reader.Read() || reader.IsDBNull(0)) return "";
            static string T(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            return $"unsent rows written {T(reader.GetInt64(0))}–{T(reader.GetInt64(1))} UTC, max attempts {reader.GetInt64(2)}, " +
                $"last row sent at {(reader.IsDBNull(3) ? "never" : T(reader.GetInt64(3)))}, " +
                $"first error: {(reader.IsDBNull(4) ? "none recorded" : reader.GetString(4))}; types: {(reader.IsDBNull(5) ? "" : reader.GetString(5))}";
        }
        catch (Exception e) when (e is SqliteException or InvalidCastException)
        {
            return "(details unavailable: " + e.Message + ")";
        }
    }

    /// <summary>
    /// Where an application's 接电 handoff is: its PowerConnected row in metering's outbox (absent, unsent, sent) and
    /// whether acceptance's inbox consumed that message id, so a failed run tells a slow drain from a lost message.
    /// </summary>
    public static string TracePowerConnected(string stateDirectory, Guid applicationId)
    {
        try
        {
            using var metering = OpenReadOnly(Path.Combine(stateDirectory, "metering.db"));
            using var outbox = metering.CreateCommand();
            outbox.CommandText = "SELECT MessageId, SentAt, Attempts, LastError FROM OutboxMessages " +
                "WHERE upper(ApplicationId) = $id AND MessageType LIKE '%PowerConnected%' ORDER BY Sequence";
            outbox.Parameters.AddWithValue("$id", applicationId.ToString().ToUpperInvariant());
            var rows = new List<(string MessageId, string State)>();
            using (var reader = outbox.ExecuteReader())
            {
                while (reader.Read())
                {
                    var sent = reader.IsDBNull(1) ? $"unsent after {reader.GetInt64(2)} attempt(s){(reader.IsDBNull(3) ? "" : ": " + reader.GetString(3))}"
                        : "sent " + new DateTime(reader.GetInt64(1), DateTimeKind.Utc).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";
                    rows.Add((reader.GetString(0), sent));
                }
            }
            if (rows.Count == 0) return "metering's outbox holds no PowerConnected for it";
            using var acceptance = OpenReadOnly(Path.Combine(stateDirectory, "acceptance.db"));
            return string.Join("; ", rows.Select(r =>
            {
                using var inbox = acceptance.CreateCommand();
                inbox.CommandText = "SELECT ProcessedAt FROM InboxMessages WHERE upper(MessageId) = $id AND Consumer = 'PowerConnectedConsumer'";
                inbox.Parameters.AddWithValue("$id", r.MessageId.ToUpperInvariant());
                var consumed = inbox.ExecuteScalar() is null ? "not consumed by acceptance" : "consumed by acceptance";
                return $"PowerConnected {r.MessageId} {r.State}, {consumed}";
            }));
        }
        catch (Exception e) when (e is SqliteException or InvalidCastException)
        {
            return "(PowerConnected trace unavailable: " + e.Message + ")";
        }
    }

    /// <summary>A service's database opened read-only, without pooling, for counting and tracing beside the running service.</summary>
    internal static SqliteConnection OpenReadOnly(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Relay latency per service from the outbox rows themselves (CreatedAt and SentAt are UTC ticks).</summary>
    public static List<OutboxLatency> MeasureOutboxLatency(string stateDirectory)
    {
        var result = new List<OutboxLatency>();
        foreach (var service in Services)
        {
            var file = Path.Combine(stateDirectory, service + ".db");
            if (!File.Exists(file)) continue;
            try
            {
                using var connection = OpenReadOnly(file);
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT CreatedAt, SentAt, Attempts FROM OutboxMessages WHERE SentAt IS NOT NULL";
                using var reader = command.ExecuteReader();
                var latencies = new List<double>();
                var retried = 0;
                while (reader.Read())
                {
                    if (reader.GetFieldType(0) != typeof(long)) break;
                    latencies.Add(TimeSpan.FromTicks(reader.GetInt64(1) - reader.GetInt64(0)).TotalMilliseconds);
                    if (reader.GetInt32(2) > 1) retried++;
                }
                var sorted = latencies.Order().ToArray();
                if (sorted.Length > 0)
                    result.Add(new OutboxLatency(service, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[^1], retried));
            }
            catch (SqliteException)
            {
                // Measurement only.
            }
        }
        return result;
    }

    private static async Task CheckErrorQueuesAsync(YeKuoSystem app, ChaosReport report, CancellationToken ct)
    {
        var problems = new List<string>();
        long total = 0;
        // /admin/* answers admins only: the handler brings an admin token from the gateway's dev-token issuer.
        using var http = new HttpClient(new DevTokenHandler(app.GetEndpoint("gateway"))) { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var service in Services)
        {
            var baseUri = app.GetEndpoint(service);
            JsonElement[] queues;
            try
            {
                queues = (await http.GetFromJsonSafeAsync(new Uri(baseUri, "/admin/messaging/error-queues"), ct).ConfigureAwait(false)) ?? [];
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                problems.Add($"{service}: error queues could not be listed: {e.Message}");
                continue;
            }
            foreach (var queue in queues)
            {
                var count = queue.GetProperty("messages").GetInt64();
                if (count == 0) continue;
                total += count;
                var errorQueue = queue.GetProperty("errorQueue").GetString()!;
                problems.Add($"{service}: {errorQueue} holds {count} message(s)");
                try
                {
                    var messages = await http.GetFromJsonSafeAsync(new Uri(baseUri, $"/admin/messaging/error-queues/{errorQueue}/messages?limit=100"), ct).ConfigureAwait(false) ?? [];
                    foreach (var m in messages)
                    {
                        var item = new ErrorQueueMessage(service, errorQueue, Str(m, "messageId"), Str(m, "messageType"), Str(m, "reason"), Str(m, "exceptionMessage"));
                        report.ErrorQueueMessages.Add(item);
                        problems.Add($"  {item.MessageId} {item.MessageType}: {item.Reason} {item.ExceptionMessage}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    problems.Add($"  (messages could not be browsed: {e.Message})");
                }
            }
        }
        report.Checks.Add(new CheckResult("error queues: empty", problems.Count == 0, $"{total} message(s) in error queues", problems));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static async Task<JsonElement[]?> GetFromJsonSafeAsync(this HttpClient http, Uri uri, CancellationToken ct)
    {
        using var response = await http.GetAsync(uri, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement[]>(body, Json);
    }

    // ---- numbers -----------------------------------------------------------------------------------------------------

    private static void Summarize(List<AppCase> cases, ChaosReport report)
    {
        foreach (var step in cases.SelectMany(c => c.Steps).GroupBy(s => s.Step).OrderBy(g => StepOrder(g.Key)))
        {
            var handoff = step.Select(s => s.HandoffMs).Order().ToArray();
            var complete = step.Select(s => s.CompleteMs).Order().ToArray();
            var server = report.ServerHandoffs.GetValueOrDefault(step.Key)?.Order().ToArray() ?? [];
            report.StepLatencies.Add(new StepLatency(step.Key, handoff.Length,
                Percentile(handoff, 0.5), Percentile(handoff, 0.95), handoff[^1],
                Percentile(complete, 0.5), Percentile(complete, 0.95), complete[^1],
                step.Average(s => s.Polls), step.Count(s => s.CompleteAttempts > 1),
                Percentile(server, 0.5), Percentile(server, 0.95), server.Length == 0 ? 0 : server[^1]));
        }
        var e2e = cases.Where(c => c.Driven).Select(c => (c.SubmitMs + c.Steps.Sum(s => s.HandoffMs + s.CompleteMs)) / 1000).Order().ToArray();
        if (e2e.Length > 0)
        {
            report.E2eP50Seconds = Percentile(e2e, 0.5);
            report.E2eP95Seconds = Percentile(e2e, 0.95);
            report.E2eMaxSeconds = e2e[^1];
        }
    }

    /// <summary>Process order: the step catalogue lists the steps in it.</summary>
    private static int StepOrder(string step) =>
        StepCatalogue.TryGet(step, out var definition) ? StepCatalogue.All.ToList().IndexOf(definition) : -1;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

}
