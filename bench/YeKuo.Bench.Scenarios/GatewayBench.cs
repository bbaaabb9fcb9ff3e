using System.Diagnostics;
using System.Globalization;
using System.Net;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// <c>gateway</c>: a cheap GET at fixed concurrency, straight to the service and through the YARP gateway, in alternating
/// rounds on the same running system; requests/s both ways, their ratio, and the latency the gateway adds.
/// </summary>
public sealed class GatewayBench : IBenchScenario
{
    public const string DefaultPath = "/api/calendar/working-days/add?from=2026-09-30&days=3";

    public string Name => "gateway";

    public string Usage => $"""
          --concurrency C        requests in flight (default 32)
          --duration S           measured seconds per target per round (default 5)
          --warmup S             seconds of warm-up per target, not measured (default 5)
          --rounds R             rounds of (direct, gateway), the order swapped every round (default 6)
          --path P               the GET (default {DefaultPath}, Acceptance's public calendar)
          --service NAME         the service that answers it (default acceptance)
          --env KEY=VALUE        environment variable for the service and the gateway (repeatable), e.g. OTEL_TRACES_SAMPLER=always_off (no spans)
          --state-dir DIR        state directory (default /tmp/yekuo-bench/gateway-<stamp>)
          --keep-state           keep the state directory
          --results DIR          where the result file goes (default <repo>/bench/results)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new GatewayOptions();
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            var name = a.Current;
            switch (name)
            {
                case "--concurrency": options.Concurrency = Positive(name, a.NextInt()); break;
                case "--duration": options.DurationSeconds = Positive(name, a.NextInt()); break;
                case "--warmup": options.WarmupSeconds = Math.Max(0, a.NextInt()); break;
                case "--rounds": options.Rounds = Positive(name, a.NextInt()); break;
                case "--path": options.Path = a.Next(); break;
                case "--service": options.Service = a.Next(); break;
                case "--env":
                    var pair = a.Next();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--env needs KEY=VALUE, not '{pair}'.");
                    options.Environment[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--state-dir": options.StateDirectory = a.Next(); break;
                case "--keep-state": options.KeepState = true; break;
                case "--results": resultsDirectory = a.Next(); break;
                default: throw a.Unknown();
            }
        }
        if (!options.Path.StartsWith('/')) throw new ArgumentException("--path must start with '/'.");

        var command = BenchArguments.CommandLine(Name, args);
        var report = await RunAsync(options, line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"), cancellationToken);
        var markdown = GatewayReportWriter.ToMarkdown(report, command);
        Console.WriteLine();
        Console.WriteLine(markdown);
        resultsDirectory ??= Path.Combine(RepositoryRoot.Find(), "bench", "results");
        var path = E2eReportWriter.AppendResult(resultsDirectory, "gateway", "gateway scenario results", markdown, report.StartedAt);
        Console.WriteLine($"Result appended to {path}.");
        return report.Error is null ? 0 : 1;
    }

    public static async Task<GatewayReport> RunAsync(GatewayOptions options, Action<string> log, CancellationToken ct)
    {
        var stateDirectory = options.StateDirectory is { } dir ? Path.GetFullPath(dir) : E2eSystem.NewStateDirectory("gateway");
        var configuration = E2eSystem.DefaultConfiguration;
        var report = new GatewayReport
        {
            Options = options,
            Configuration = configuration,
            StateDirectory = stateDirectory,
            Machine = MachineInfo.Collect(RepositoryRoot.Find()),
            StartedAt = DateTimeOffset.Now,
            LoadAtStart = MachineInfo.LoadAverage(),
        };
        var gatewayVariables = new Dictionary<string, string>(options.Environment) { ["RateLimits__Public__PermitsPerWindow"] = E2eSystem.BenchPublicPermits };
        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["gateway"] = gatewayVariables,
            [options.Service] = new Dictionary<string, string>(options.Environment),
        };
        log($"gateway: GET {options.Path} at concurrency {options.Concurrency}, {options.Rounds} round(s) of {options.DurationSeconds} s per target; state {stateDirectory}");
        E2eSystem system;
        try
        {
            system = await E2eSystem.StartAsync(stateDirectory, options.KeepState, environment, ct).ConfigureAwait(false);
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
            var targets = new[]
            {
                ("direct", system.App.GetEndpoint(options.Service)),
                ("gateway", system.Gateway),
            };
            log($"gateway: started in {system.StartupSeconds:0.0} s; direct {targets[0].Item2}, gateway {targets[1].Item2}");
            try
            {
                using var direct = NewClient(targets[0].Item2, options.Concurrency);
                using var gateway = NewClient(targets[1].Item2, options.Concurrency);
                var clients = new Dictionary<string, HttpClient> { ["direct"] = direct, ["gateway"] = gateway };

                // A failing path would measure error pages: check it answers 200 both ways first.
                foreach (var (name, client) in clients)
                {
                    using var probe = await client.GetAsync(options.Path, ct).ConfigureAwait(false);
                    if (probe.StatusCode != HttpStatusCode.OK)
                        throw new InvalidOperationException($"GET {options.Path} {name} answered {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
                }
                foreach (var (name, client) in clients)
                {
                    if (options.WarmupSeconds == 0) continue;
                    var warm = await GatewayLoad.RunAsync(client, options.Path, options.Concurrency, TimeSpan.FromSeconds(options.WarmupSeconds), ct).ConfigureAwait(false);
                    log($"gateway: warm-up {name}: {warm.RequestsPerSecond:0} req/s");
                }
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var order = round % 2 == 1 ? new[] { "direct", "gateway" } : ["gateway", "direct"];
                    foreach (var name in order)
                    {
                        var cpuBefore = E2eCpu.Usage(system.App);
                        var machineBefore = E2eCpu.Machine();
                        var result = await GatewayLoad.RunAsync(clients[name], options.Path, options.Concurrency, TimeSpan.FromSeconds(options.DurationSeconds), ct).ConfigureAwait(false);
                        var machineAfter = E2eCpu.Machine();
                        var cpu = E2eCpu.Delta(cpuBefore, E2eCpu.Usage(system.App));
                        result = result with
                        {
                            Target = name,
                            Round = round,
                            CpuSeconds = cpu.Where(kv => kv.Value.CpuSeconds >= 0.05).ToDictionary(kv => kv.Key, kv => kv.Value.CpuSeconds),
                            MachineBusyShare = machineAfter.Total > machineBefore.Total ? (machineAfter.Busy - machineBefore.Busy) / (machineAfter.Total - machineBefore.Total) : 0,
                        };
                        report.Runs.Add(result);
                        log($"gateway: round {round} {name}: {result.RequestsPerSecond:0} req/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, errors {result.Errors}");
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                report.Error = e.ToString();
                system.RemoveState = false;
            }
            report.LoadAtEnd = MachineInfo.LoadAverage();
        }
        return report;
    }

    private static HttpClient NewClient(Uri baseAddress, int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(concurrency, 1),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static int Positive(string option, int value) =>
        value > 0 ? value : throw new ArgumentException($"{option} needs a positive value.");
}

/// <summary>Settings of the gateway scenario.</summary>
public sealed class GatewayOptions
{
    public int Concurrency { get; set; } = 32;
    public int DurationSeconds { get; set; } = 5;
    public int WarmupSeconds { get; set; } = 5;
    public int Rounds { get; set; } = 6;
    public string Path { get; set; } = GatewayBench.DefaultPath;
    public string Service { get; set; } = "acceptance";
    public string? StateDirectory { get; set; }
    public bool KeepState { get; set; }

    /// <summary>Extra environment variables for the service and the gateway.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
}

/// <summary>One measured run against one target: closed loop, <c>concurrency</c> requests always in flight.</summary>
public sealed record GatewayLoadResult(int Requests, int Errors, double Seconds, double[] SortedMs)
{
    public string Target { get; init; } = "";
    public int Round { get; init; }
    public IReadOnlyDictionary<string, double> CpuSeconds { get; init; } = new Dictionary<string, double>();
    public double MachineBusyShare { get; init; }
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
    public double P50 => ChaosScenario.Percentile(SortedMs, 0.50);
    public double P90 => ChaosScenario.Percentile(SortedMs, 0.90);
    public double P99 => ChaosScenario.Percentile(SortedMs, 0.99);
    public double Max => SortedMs.Length == 0 ? 0 : SortedMs[^1];
}

/// <summary>The load loop: <c>concurrency</c> tasks, each sending the next GET as soon as the last one's body is read.</summary>
public static class GatewayLoad
{
    public static async Task<GatewayLoadResult> RunAsync(HttpClient client, string path, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = 0;
            var buffer = new byte[8192];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    while (await body.ReadAsync(buffer, ct).ConfigureAwait(false) > 0) { }
                    if (response.StatusCode != HttpStatusCode.OK) errors++;
                    else latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    errors++;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    errors++;
                }
            }
            return (latencies, errors);
        }, ct)).ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = results.SelectMany(r => r.latencies).ToArray();
        Array.Sort(all);
        return new GatewayLoadResult(all.Length, results.Sum(r => r.errors), seconds, all);
    }
}
