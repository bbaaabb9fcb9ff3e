using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using YeKuo.AppHost;
using YeKuo.AppHost.Infrastructure;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>What a progress run measured.</summary>
public sealed class ProgressRun
{
    public required ProgressOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LoadAtStart { get; init; } = "";
    public string LoadAtEnd { get; set; } = "";
    public string StateDirectory { get; init; } = "";
    public ProgressSeed? Seed { get; set; }
    public double StartupSeconds { get; set; }
    public double RestartSeconds { get; set; }
    public double TotalSeconds { get; set; }
    public string? Error { get; set; }
    public long CachedKeys { get; set; }
    public List<ProgressPhase> Phases { get; } = [];

    public ProgressPhase? Warm => Phases.FirstOrDefault(p => p.Name == ProgressScenario.Warm);

    public bool TargetMet => Warm is { } warm && warm.Failed == 0 && warm.P99 <= ProgressOptions.TargetP99Milliseconds
                             && warm.Rate >= ProgressOptions.TargetRate && warm.AchievedRate >= warm.Rate * 0.98;

    public bool Passed => Error is null && TargetMet;
}

/// <summary>
/// The progress scenario. The Acceptance service runs from the AppHost graph (<c>AddYeKuo</c>, only acceptance and what
/// it needs: RabbitMQ, Redis, its SQLite file; everything with <c>--gateway</c>) with a signing key of this run, so the
/// bench mints its own customer tokens. The database is seeded before the service starts (its migrations first).
/// Phases, each open loop at the rate for the duration, straight to the service (not through the gateway):
/// cold (Redis flushed, every request a different application never read: all misses), warm (applications read in the
/// cold phase: all hits), details (<c>GET /api/applications/{id}</c>, which reads the database and runs the deviation
/// analysis, never the cache), off (service restarted with <c>Progress__Cache=off</c>: every read from the database).
/// </summary>
public static class ProgressScenario
{
    public const string Cold = "cold";
    public const string Warm = "warm";
    public const string WarmStaff = "warm-staff";
    public const string Details = "details";
    public const string Off = "off";
    public const string WarmGateway = "warm-gateway";

    public static async Task<ProgressRun> RunAsync(ProgressOptions options, CancellationToken cancellationToken)
    {
        var log = options.Log ?? Console.WriteLine;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var stateDirectory = Path.GetFullPath(options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "yekuo-bench", $"progress-{stamp}"));
        Directory.CreateDirectory(stateDirectory);
        var fileSink = new FileLogSink(Path.Combine(stateDirectory, "logs"));
        var cacheMode = "on";

        // This run's signing key (the bench signs customer tokens with it), given to the graph's parameter.
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var systemOptions = new SystemOptions
        {
            StateDirectory = stateDirectory,
            Dashboard = options.Traces,
            LogSink = fileSink.Write,
            Arguments = [$"--Parameters:jwt-signing-key={signingKey}"],
            Configure = builder =>
            {
                if (!options.ThroughGateway)
                {
                    // Acceptance alone (with the broker, the cache and its database): nothing else takes CPU.
                    string[] keep = ["acceptance", "acceptancedb", "messaging", "messaging-epmd", "cache", "jwt-signing-key"];
                    foreach (var resource in builder.Resources.Where(r => !keep.Contains(r.Name)).ToList()) builder.Resources.Remove(resource);
                }
                foreach (var project in builder.Resources.OfType<ProjectResource>())
                {
                    // No development-only switch on; the bench signs its own tokens. Development, not Production: the
                    // local graph's broker (guest) and Redis (no password) are refused outside Development.
                    builder.CreateResourceBuilder(project).WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development").WithEnvironment("DevTokens__Enabled", "false");
                }
                builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "acceptance"))
                    .WithEnvironment(context => context.EnvironmentVariables["Progress__Cache"] = cacheMode);
            },
        };
        YeKuoSystem? app = null;

        var repositoryRoot = RepositoryRoot.Find();
        var run = new ProgressRun
        {
            Options = options,
            Machine = MachineInfo.Collect(repositoryRoot),
            StartedAt = DateTimeOffset.Now,
            LoadAtStart = MachineInfo.LoadAverage(),
            StateDirectory = stateDirectory,
        };
        var total = Stopwatch.StartNew();
        log($"progress: {options.Applications:N0} applications, {options.Rate} requests/s for {options.DurationSeconds} s per phase, state {stateDirectory}");
        try
        {
            log("progress: seeding the Acceptance database...");
            run.Seed = await ProgressSeeder.SeedAsync($"Data Source={Path.Combine(stateDirectory, "acceptance.db")}", options.Applications, DateTimeOffset.UtcNow, options.Seed, cancellationToken);
            SqliteConnection.ClearAllPools();
            log($"progress: seeded {run.Seed.Applications.Count:N0} applications, {run.Seed.TimelineEntries:N0} timeline entries, {run.Seed.Pauses:N0} pauses " +
                $"in {run.Seed.Seconds:0.0} s ({ProgressSeeder.Describe(run.Seed)})");

            var startup = Stopwatch.StartNew();
            try
            {
                app = await YeKuoSystem.StartAsync(systemOptions, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                run.Error = $"The system did not start: {e.Message}";
                log("progress: " + run.Error);
                return run;
            }
            run.StartupSeconds = startup.Elapsed.TotalSeconds;
            log($"progress: started in {run.StartupSeconds:0.0} s; acceptance {app.GetEndpoint("acceptance")}");

            var random = new Random(options.Seed);
            var applications = run.Seed.Applications;
            var tokens = applications.Select(a => LocalJwt.Create(signingKey, LocalSettings.JwtIssuer, LocalSettings.JwtAudience,
                a.CustomerId, TimeSpan.FromHours(6), new Dictionary<string, string> { ["role"] = "customer" })).ToArray();
            // The service's /metrics (server-side durations, GC, CPU) before and after each phase.
            var platformToken = LocalJwt.Create(signingKey, LocalSettings.JwtIssuer, LocalSettings.JwtAudience,
                "bench-platform", TimeSpan.FromHours(6), new Dictionary<string, string> { ["role"] = "platform" });
            // Acceptance staff read any application's progress without an ownership check (a comparison for the customers' reads).
            var staffToken = LocalJwt.Create(signingKey, LocalSettings.JwtIssuer, LocalSettings.JwtAudience,
                "bench-staff", TimeSpan.FromHours(6), new Dictionary<string, string> { ["role"] = "staff", ["department"] = "Acceptance" });
            var perPhase = (int)Math.Round(options.Rate * options.DurationSeconds);
            var warmupCount = (int)Math.Round(options.Rate * options.WarmupSeconds);
            // Distinct applications: warm-up first, then the cold phase's, each read once.
            var order = Enumerable.Range(0, applications.Count).OrderBy(_ => random.Next()).ToArray();
            var warmupIds = order.Take(Math.Min(warmupCount, order.Length / 4)).ToArray();
            var coldIds = order.Skip(warmupIds.Length).Take(perPhase).ToArray();
            if (coldIds.Length < perPhase)
            {
                log($"progress: only {coldIds.Length:N0} unread applications for {perPhase:N0} cold reads; the rest repeat (and hit)");
            }

            using var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 512,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            using var direct = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.GetEndpoint("acceptance"), Timeout = TimeSpan.FromSeconds(10) };
            (string, string) Progress(int index) => ($"/api/applications/{applications[index].Id}/progress", tokens[index]);
            (string, string) Detail(int index) => ($"/api/applications/{applications[index].Id}", tokens[index]);

            async Task<ProgressPhase> PhaseAsync(HttpClient http, string name, string description, string target, Func<int, (string, string)> request)
            {
                var phase = new ProgressPhase { Name = name, Description = description, Target = target, Rate = options.Rate, Seconds = options.DurationSeconds };
                var before = await ProgressMetrics.ScrapeAsync(direct, platformToken, cancellationToken);
                await ProgressLoad.RunAsync(http, phase, request, cancellationToken);
                var after = await ProgressMetrics.ScrapeAsync(direct, platformToken, cancellationToken, Path.Combine(stateDirectory, $"metrics-after-{name}.txt"));
                phase.Server = ProgressMetrics.Between(before, after, name == Details ? "/api/applications/{id:guid}" : "/api/applications/{id:guid}/progress");
                run.Phases.Add(phase);
                log($"progress: {name,-12} sent {phase.Requested} at {phase.AchievedRate:0} /s, ok {phase.Ok}, p50 {phase.P50:0.00} ms, p95 {phase.P95:0.00} ms, " +
                    $"p99 {phase.P99:0.00} ms, max {phase.Max:0.0} ms; cache {string.Join(" ", phase.CacheOutcomes.Select(c => $"{c.Key}={c.Value}"))}; " +
                    $"generator lag p99 {phase.LagP99:0.00} ms; load {phase.LoadAtEnd}");
                return phase;
            }

            async Task WarmupAsync(HttpClient http, Func<int, (string, string)> request)
            {
                if (options.WarmupSeconds <= 0)
                {
                    return;
                }
                var warmup = new ProgressPhase { Name = "warmup", Description = "", Target = "", Rate = options.Rate, Seconds = options.WarmupSeconds };
                await ProgressLoad.RunAsync(http, warmup, request, cancellationToken);
                log($"progress: warm-up {warmup.Ok}/{warmup.Requested} ok, p50 {warmup.P50:0.00} ms, p99 {warmup.P99:0.00} ms");
            }

            // JIT, connection pool, SQLite and Redis connections: untimed load on applications the phases do not use.
            await WarmupAsync(direct, i => Progress(warmupIds[i % warmupIds.Length]));

            var redis = await app.GetConnectionStringAsync("cache");
            await RedisAsync(redis, "FLUSHALL", cancellationToken);
            await PhaseAsync(direct, Cold, "Redis flushed; each request a different application, never read before", "acceptance (direct)",
                i => Progress(coldIds[i % coldIds.Length]));
            run.CachedKeys = long.TryParse((await RedisAsync(redis, "DBSIZE", cancellationToken)).TrimStart(':'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var keys) ? keys : -1;

            var warmPick = new Random(options.Seed + 1);
            var warmIds = Enumerable.Range(0, perPhase).Select(_ => coldIds[warmPick.Next(coldIds.Length)]).ToArray();
            await PhaseAsync(direct, Warm, "random applications read in the cold phase (cached)", "acceptance (direct)", i => Progress(warmIds[i]));
            await PhaseAsync(direct, WarmStaff, "as warm, read by Acceptance staff: no ownership check", "acceptance (direct)",
                i => ($"/api/applications/{applications[warmIds[(i * 11 + 5) % warmIds.Length]].Id}/progress", staffToken));

            if (options.ThroughGateway)
            {
                using var viaGateway = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.GetEndpoint("gateway"), Timeout = TimeSpan.FromSeconds(10) };
                await WarmupAsync(viaGateway, i => Progress(warmupIds[i % warmupIds.Length]));
                await PhaseAsync(viaGateway, WarmGateway, "as warm, through the gateway (YARP, JWT validated there too)", "gateway → acceptance",
                    i => Progress(warmIds[(i * 7 + 3) % warmIds.Length]));
            }

            var detailPick = new Random(options.Seed + 2);
            await PhaseAsync(direct, Details, "`GET /api/applications/{id}`: timeline, pauses and deviation analysis from the database (never cached)", "acceptance (direct)",
                i => Detail(order[detailPick.Next(order.Length)]));

            // Cache off: the service reads its configuration at start.
            cacheMode = "off";
            var restart = Stopwatch.StartNew();
            await app.StopResourceAsync("acceptance");
            await app.StartResourceAsync("acceptance", cancellationToken);
            run.RestartSeconds = restart.Elapsed.TotalSeconds;
            log($"progress: acceptance restarted with Progress__Cache=off in {run.RestartSeconds:0.0} s");
            await WarmupAsync(direct, i => Progress(warmupIds[i % warmupIds.Length]));
            var offPick = new Random(options.Seed + 3);
            await PhaseAsync(direct, Off, "service restarted with `Progress__Cache=off`; random applications, every read from the database", "acceptance (direct)",
                i => Progress(order[offPick.Next(order.Length)]));
        }
        catch (Exception e) when (e is not OperationCanceledException && run.Error is null)
        {
            run.Error = $"{e.GetType().Name}: {e.Message}";
            log("progress: failed: " + run.Error);
        }
        finally
        {
            run.TotalSeconds = total.Elapsed.TotalSeconds;
            run.LoadAtEnd = MachineInfo.LoadAverage();
            fileSink.Flush();
            if (app is not null) await app.DisposeAsync();
            fileSink.Dispose();
            SqliteConnection.ClearAllPools();
            if (run.Error is null && !options.KeepState)
            {
                try { Directory.Delete(stateDirectory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        return run;
    }

    /// <summary>One Redis command over RESP (the bench has no Redis client); returns the first reply line.</summary>
    private static async Task<string> RedisAsync(string connectionString, string command, CancellationToken cancellationToken)
    {
        var parts = connectionString.Split(':');
        using var client = new TcpClient();
        await client.ConnectAsync(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        var reply = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        return reply.StartsWith('-') ? throw new InvalidOperationException($"Redis {command}: {reply}") : reply;
    }
}
