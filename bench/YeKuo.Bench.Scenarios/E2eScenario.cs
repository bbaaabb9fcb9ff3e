using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using YeKuo.Acceptance.Reports;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// The e2e scenario: the whole system from the AppHost graph, <see cref="E2eOptions.Workers"/> department actors
/// (<see cref="GatewayActor"/>) drive <see cref="E2eOptions.Applications"/> applications of one class through every step
/// via the gateway; then, on the same broker node and at the handoff rate the drive reached, the raw MassTransit and raw
/// RabbitMQ.Client baselines. Handoff latency comes from Acceptance's timelines (<c>GET /api/applications/{id}</c>):
/// the previous step's completedAt → the next step's startedAt (the work item opened by the next department), less the
/// customer's time in between (<see cref="HandoffTime"/>).
/// </summary>
public static class E2eScenario
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<E2eReport> RunAsync(E2eOptions options, CancellationToken cancellationToken)
    {
        var log = options.Log;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var stateDirectory = options.StateDirectory is { } dir ? Path.GetFullPath(dir) : E2eSystem.NewStateDirectory("e2e");
        var configuration = E2eSystem.DefaultConfiguration;
        if (options.Configuration is { } wanted && wanted != configuration)
        {
            // The AppHost runs the services in the configuration it was built in: build the bench in the wanted one.
            throw new ArgumentException($"This bench was built in {configuration}; run it with -c {wanted} to measure {wanted} outputs.");
        }
        var repositoryRoot = RepositoryRoot.Find();
        var report = new E2eReport
        {
            Options = options,
            Configuration = configuration,
            StateDirectory = stateDirectory,
            Machine = MachineInfo.Collect(repositoryRoot),
            StartedAt = DateTimeOffset.Now,
            LoadAtStart = MachineInfo.LoadAverage(),
        };

        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["gateway"] = new Dictionary<string, string> { ["RateLimits__Public__PermitsPerWindow"] = E2eSystem.BenchPublicPermits },
        };
        foreach (var resource in ChaosScenario.Services.Append("gateway"))
        {
            var variables = environment.TryGetValue(resource, out var existing) ? new Dictionary<string, string>(existing) : [];
            foreach (var (key, value) in options.Environment) variables[key] = value;
            if (options.OutboxPollMs is { } poll && resource != "gateway")
                variables["Outbox__PollInterval"] = TimeSpan.FromMilliseconds(poll).ToString("c", CultureInfo.InvariantCulture);
            environment[resource] = variables;
        }

        log($"e2e: {options.Warmup} warm-up + {options.Applications} {options.CustomerClass} applications, {options.Workers} workers; state {stateDirectory}, {configuration} outputs");
        var total = Stopwatch.StartNew();
        E2eSystem system;
        try
        {
            system = await E2eSystem.StartAsync(stateDirectory, options.KeepState, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            report.Error = e.Message;
            report.LoadAtEnd = MachineInfo.LoadAverage();
            return report;
        }
        await using (system.ConfigureAwait(false))
        {
            report.StartupSeconds = system.StartupSeconds;
            log($"e2e: system started in {system.StartupSeconds:0.0} s; gateway {system.Gateway}");
            try
            {
                await DriveAndMeasureAsync(system, options, report, stamp, log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                report.Error = e.ToString();
            }
            if (!report.Passed) system.RemoveState = false;
            report.LoadAtEnd = MachineInfo.LoadAverage();
            report.TotalSeconds = total.Elapsed.TotalSeconds;
        }
        return report;
    }

    private static async Task DriveAndMeasureAsync(E2eSystem system, E2eOptions options, E2eReport report, string stamp,
        Action<string> log, CancellationToken ct)
    {
        var workers = Math.Max(1, options.Workers);
        using var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = Math.Max(64, workers * 2),
        };
        var timing = new E2eTimingHandler(sockets);
        using var authenticated = new DevTokenHandler(system.Gateway, timing);
        using var http = new HttpClient(authenticated, disposeHandler: false) { BaseAddress = system.Gateway, Timeout = Timeout.InfiniteTimeSpan };
        var actorOptions = new ChaosOptions
        {
            Applications = options.Applications,
            Workers = workers,
            HandoffTimeout = options.HandoffTimeout,
            PollWorklists = options.PollWorklists,
            PollDelayMin = TimeSpan.FromMilliseconds(options.PollMinMs),
            PollDelayMax = TimeSpan.FromMilliseconds(Math.Max(options.PollMinMs, options.PollMaxMs)),
        };
        var counters = new ActorCounters();
        var actor = new GatewayActor(http, actorOptions, counters);
        report.Counters = counters;

        var plan = await LoadPlanAsync(actor, options.CustomerClass, report, ct).ConfigureAwait(false);
        report.Plan = plan;

        // ---- warm-up (not measured) ------------------------------------------------------------------------------
        if (options.Warmup > 0)
        {
            var warm = Enumerable.Range(1, options.Warmup).Select(i => new AppCase(i, options.CustomerClass, $"chaos-e2e-{stamp}-w{i:D4}", plan)).ToList();
            var warmClock = Stopwatch.StartNew();
            await DriveAsync(actor, warm, Math.Min(workers, warm.Count), null, ct).ConfigureAwait(false);
            log($"e2e: warm-up {warm.Count(c => c.Driven)}/{warm.Count} applications in {warmClock.Elapsed.TotalSeconds:0.0} s");
            var warmFailed = warm.FirstOrDefault(c => c.DriveError is not null);
            if (warmFailed is not null) throw new InvalidOperationException($"warm-up application failed: {warmFailed.DriveError}");
        }

        // ---- idle CPU: what the system burns with no work (timers, pollers, exporters) ---------------------------
        if (options.IdleSeconds > 0)
        {
            // The warm-up leaves tier-1 JIT work behind (seconds of it per service): let it finish first, or the idle
            // figure measures the JIT.
            await Task.Delay(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            var idleBefore = E2eCpu.Usage(system.App);
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), ct).ConfigureAwait(false);
            var idle = E2eCpu.Delta(idleBefore, E2eCpu.Usage(system.App));
            report.IdleCpuPerSecond = idle.ToDictionary(kv => kv.Key, kv => kv.Value.CpuSeconds / idleClock.Elapsed.TotalSeconds, StringComparer.Ordinal);
            log($"e2e: idle CPU {report.IdleCpuPerSecond.Values.Sum():0.00} core-s/s ({string.Join(", ", report.IdleCpuPerSecond.Where(kv => kv.Value >= 0.005).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.00}"))})");
        }

        // ---- drive (measured) ------------------------------------------------------------------------------------
        var cases = Enumerable.Range(1, options.Applications)
            .Select(i => new AppCase(i, options.CustomerClass, $"chaos-e2e-{stamp}-{i:D5}", plan)).ToList();
        var finishedAt = new ConcurrentBag<double>();
        timing.Recording = true;
        var machineBefore = E2eCpu.Machine();
        var cpuBefore = E2eCpu.Usage(system.App);
        var unitsBefore = CountUnitsOfWork(system.StateDirectory);
        var drive = Stopwatch.StartNew();
        var stepsDone = 0;
        using var progress = new Timer(_ => log(
            $"e2e: {drive.Elapsed.TotalSeconds,6:0.0} s  applications done {finishedAt.Count}/{cases.Count}  steps {Volatile.Read(ref stepsDone)}  transient {counters.Transient}"),
            null, 5000, 5000);
        await DriveAsync(actor, cases, workers, c =>
        {
            if (c is null) Interlocked.Increment(ref stepsDone);
            else finishedAt.Add(drive.Elapsed.TotalSeconds);
        }, ct).ConfigureAwait(false);
        report.DriveSeconds = drive.Elapsed.TotalSeconds;
        var cpuAfter = E2eCpu.Usage(system.App);
        var machineAfter = E2eCpu.Machine();
        timing.Recording = false;
        await progress.DisposeAsync().ConfigureAwait(false);
        var used = E2eCpu.Delta(cpuBefore, cpuAfter);
        report.CpuSeconds = used.ToDictionary(kv => kv.Key, kv => kv.Value.CpuSeconds, StringComparer.Ordinal);
        report.KernelCpuSeconds = used.ToDictionary(kv => kv.Key, kv => kv.Value.SystemSeconds, StringComparer.Ordinal);
        report.WrittenBytes = used.ToDictionary(kv => kv.Key, kv => kv.Value.WrittenBytes, StringComparer.Ordinal);
        report.MachineBusySeconds = machineAfter.Busy - machineBefore.Busy;
        report.MachineTotalSeconds = machineAfter.Total - machineBefore.Total;
        report.Driven = cases.Count(c => c.Driven);
        report.DriveErrors.AddRange(cases.Where(c => c.DriveError is not null).Select(c => $"{c.Number ?? "application " + c.Index}: {c.DriveError}"));
        var finishes = finishedAt.Order().ToArray();
        report.FinishTimes = finishes;
        report.HttpTimings = timing.Timings;
        report.ApplicationSeconds = cases.Where(c => c.Driven).Select(c => (c.SubmitMs + c.Steps.Sum(s => s.HandoffMs + s.CompleteMs)) / 1000).Order().ToArray();
        foreach (var group in cases.SelectMany(c => c.Steps).GroupBy(s => s.Step))
        {
            report.ActorHandoffMs[group.Key] = group.Select(s => s.HandoffMs).Order().ToArray();
            report.ActorCompleteMs[group.Key] = group.Select(s => s.CompleteMs).Order().ToArray();
        }
        log($"e2e: drive finished in {report.DriveSeconds:0.0} s: {report.Driven}/{cases.Count} driven, {report.ApplicationsPerSecond:0.00} applications/s " +
            $"(steady {report.SteadyApplicationsPerSecond:0.00}/s)");

        // ---- timelines: completion and server-side handoffs ------------------------------------------------------
        await ObserveTimelinesAsync(actor, cases, report, options.SettleTimeout, log, ct).ConfigureAwait(false);
        report.UnitsOfWork = CountUnitsOfWork(system.StateDirectory)
            .Select(kv => new UnitOfWorkCount(kv.Key.Service, kv.Key.Table, kv.Key.Name, kv.Value - unitsBefore.GetValueOrDefault(kv.Key)))
            .Where(u => u.Rows > 0)
            .ToList();
        report.OutboxLatencies.AddRange(ChaosScenario.MeasureOutboxLatency(system.StateDirectory));
        DecomposeHandoffs(system.StateDirectory, report);
        report.UnsentOutbox = ChaosScenario.CountUnsentOutbox(system.StateDirectory).Values.Where(v => v > 0).Sum();

        // ---- baselines on the same broker, at the same rate ------------------------------------------------------
        var rate = options.BaselineRate ?? Math.Max(1, report.HandoffsPerSecond);
        var amqp = new Uri(await system.App.GetConnectionStringAsync("messaging"));
        log($"e2e: baselines at {rate:0.0} msg/s for {options.BaselineSeconds} s each on {amqp.Host}:{amqp.Port}");
        report.LoadBeforeBaselines = MachineInfo.LoadAverage();
        try
        {
            report.MassTransit = await E2eBaselines.MassTransitAsync(amqp, rate, options.BaselineSeconds, ct).ConfigureAwait(false);
            log($"e2e: MassTransit p50 {report.MassTransit.P50:0.0} ms p99 {report.MassTransit.P99:0.0} ms ({report.MassTransit.Received}/{report.MassTransit.Sent})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.MassTransit = BaselineResult.From("MassTransit publish → consume", rate, 0, 0, [], e.Message);
        }
        try
        {
            report.RabbitMqClient = await E2eBaselines.RabbitMqClientAsync(amqp, rate, options.BaselineSeconds, ct).ConfigureAwait(false);
            log($"e2e: RabbitMQ.Client p50 {report.RabbitMqClient.P50:0.0} ms p99 {report.RabbitMqClient.P99:0.0} ms ({report.RabbitMqClient.Received}/{report.RabbitMqClient.Sent})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.RabbitMqClient = BaselineResult.From("RabbitMQ.Client publish (confirms) → basic.consume", rate, 0, 0, [], e.Message);
        }
    }

    /// <summary>Workers take the next case until none is left; <paramref name="onDone"/> gets null per step, the case when it is driven.</summary>
    private static async Task DriveAsync(GatewayActor actor, List<AppCase> cases, int workers, Action<AppCase?>? onDone, CancellationToken ct)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= cases.Count) return;
                var c = cases[index];
                try
                {
                    await actor.DriveAsync(c, () => onDone?.Invoke(null), ct).ConfigureAwait(false);
                    onDone?.Invoke(c);
                }
                catch (ChaosDriveException e)
                {
                    c.DriveError = e.Message;
                }
            }
        }, CancellationToken.None))).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> LoadPlanAsync(GatewayActor actor, string customerClass, E2eReport report, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await actor.GetAsync("/api/policies/time-limits", ct).ConfigureAwait(false);
            if (result is { Status: HttpStatusCode.OK } ok)
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
                var inForce = JsonSerializer.Deserialize<JsonElement[]>(ok.Body, Json)!
                    .Where(p => DateOnly.Parse(p.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture) <= today)
                    .OrderByDescending(p => DateOnly.Parse(p.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture))
                    .First();
                report.PolicyVersion = inForce.GetProperty("version").GetString();
                var entry = inForce.GetProperty("classes").EnumerateArray().FirstOrDefault(c => c.GetProperty("customerClass").GetString() == customerClass);
                if (entry.ValueKind != JsonValueKind.Object) throw new ArgumentException($"--class {customerClass}: no such customer class in policy {report.PolicyVersion}.");
                return CustomerClasses.PlanOf(customerClass, entry);
            }
            if (attempt > 50) throw new InvalidOperationException("GET /api/policies/time-limits failed: " + (result?.Status.ToString() ?? "no answer"));
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every driven application's timeline until each is PowerConnected with every plan step completed.</summary>
    private static async Task ObserveTimelinesAsync(GatewayActor actor, List<AppCase> cases, E2eReport report, TimeSpan settleTimeout,
        Action<string> log, CancellationToken ct)
    {
        var submitted = cases.Where(c => c.Id != Guid.Empty).ToList();
        var timelines = new ConcurrentDictionary<Guid, JsonElement[]>();
        var statuses = new ConcurrentDictionary<Guid, string>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var pending = submitted.Where(c => !Settled(c)).ToList();
            using var gate = new SemaphoreSlim(8);
            await Task.WhenAll(pending.Select(async c =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var answer = await actor.GetAsync($"/api/applications/{c.Id}", ct).ConfigureAwait(false);
                    if (answer is { Status: HttpStatusCode.OK } a)
                    {
                        var doc = JsonSerializer.Deserialize<JsonElement>(a.Body, Json);
                        statuses[c.Id] = doc.GetProperty("status").GetString() ?? "";
                        timelines[c.Id] = doc.GetProperty("timeline").EnumerateArray().Select(e => e.Clone()).ToArray();
                    }
                }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
            var unsettled = submitted.Count(c => !Settled(c));
            if (unsettled == 0 || deadline.Elapsed > settleTimeout) break;
            log($"e2e: settling: {unsettled} timeline(s) not complete yet");
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }

        bool Settled(AppCase c) => statuses.GetValueOrDefault(c.Id) == "PowerConnected" && timelines.TryGetValue(c.Id, out var t)
            && c.Plan.All(step => t.Any(e => e.GetProperty("step").GetString() == step && e.GetProperty("completedAt").ValueKind == JsonValueKind.String));

        report.Completed = submitted.Count(Settled);
        report.Applications = cases.Count;
        foreach (var c in submitted)
        {
            if (!timelines.TryGetValue(c.Id, out var timeline)) continue;
            for (var i = 1; i < c.Plan.Count; i++)
            {
                var previous = timeline.FirstOrDefault(e => e.GetProperty("step").GetString() == c.Plan[i - 1]);
                var current = timeline.FirstOrDefault(e => e.GetProperty("step").GetString() == c.Plan[i]);
                if (previous.ValueKind != JsonValueKind.Object || current.ValueKind != JsonValueKind.Object) continue;
                if (previous.GetProperty("completedAt").ValueKind != JsonValueKind.String || current.GetProperty("startedAt").ValueKind != JsonValueKind.String) continue;
                var completedAt = previous.GetProperty("completedAt").GetDateTimeOffset();
                var openedAt = current.GetProperty("startedAt").GetDateTimeOffset();
                var pauses = current.GetProperty("pauses").EnumerateArray().Select(p => (
                    p.GetProperty("pausedAt").GetDateTimeOffset(),
                    p.GetProperty("resumedAt").ValueKind == JsonValueKind.String ? p.GetProperty("resumedAt").GetDateTimeOffset() : (DateTimeOffset?)null));
                report.Handoffs.Add(new E2eHandoff(c.Id, c.Plan[i - 1], c.Plan[i], completedAt, openedAt, HandoffTime.Of(completedAt, openedAt, pauses)));
            }
        }
    }

    /// <summary>Splits each handoff at the StepCompleted outbox row's SentAt (the relay had the broker's confirm):
    /// completion → sent (commit, relay wake-up, publish with confirms) and sent → opened (broker, consumer, inbox, SQLite).</summary>
    private static void DecomposeHandoffs(string stateDirectory, E2eReport report)
    {
        var sent = new Dictionary<(Guid, string), (long CreatedAt, long SentAt)>();
        foreach (var service in ChaosScenario.Services)
        {
            var file = Path.Combine(stateDirectory, service + ".db");
            if (!File.Exists(file)) continue;
            try
            {
                using var connection = ChaosScenario.OpenReadOnly(file);
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT ApplicationId, Body, CreatedAt, SentAt FROM OutboxMessages WHERE MessageType LIKE '%step-completed%' AND SentAt IS NOT NULL";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (reader.IsDBNull(0) || reader.GetFieldType(2) != typeof(long)) continue;
                    using var body = JsonDocument.Parse(reader.GetString(1));
                    var step = body.RootElement.TryGetProperty("step", out var s) ? s.ToString() : "";
                    sent[(reader.GetGuid(0), step)] = (reader.GetInt64(2), reader.GetInt64(3));
                }
            }
            catch (SqliteException)
            {
                // Measurement only.
            }
        }
        foreach (var handoff in report.Handoffs)
        {
            if (!sent.TryGetValue((handoff.ApplicationId, handoff.FromStep), out var row)) continue;
            var sentAt = new DateTimeOffset(row.SentAt, TimeSpan.Zero);
            handoff.RelayMs = (sentAt - handoff.CompletedAt).TotalMilliseconds;
            handoff.DeliveryMs = (handoff.OpenedAt - sentAt).TotalMilliseconds;
        }
    }

    /// <summary>
    /// Rows per service and message type in the outboxes (the events it wrote, partner CloudEvents included) and per
    /// service and consumer in the inboxes (the consumes that committed a change; a consume that changes nothing writes
    /// no row): the units of work a drive cost, counted from the services' own databases.
    /// </summary>
    private static Dictionary<(string Service, string Table, string Name), long> CountUnitsOfWork(string stateDirectory)
    {
        var counts = new Dictionary<(string Service, string Table, string Name), long>();
        foreach (var service in ChaosScenario.Services)
        {
            var file = Path.Combine(stateDirectory, service + ".db");
            if (!File.Exists(file)) continue;
            try
            {
                using var connection = ChaosScenario.OpenReadOnly(file);
                foreach (var (table, column) in new[] { (UnitOfWorkCount.Outbox, "MessageType"), (UnitOfWorkCount.Inbox, "Consumer") })
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT {column}, COUNT(*) FROM {table} GROUP BY {column}";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        counts[(service, table, reader.GetString(0))] = reader.GetInt64(1);
                    }
                }
            }
            catch (SqliteException)
            {
                // Measurement only.
            }
        }
        return counts;
    }
}
