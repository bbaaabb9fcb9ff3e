using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace YeKuo.Bench.Scenarios;

/// <summary>One measured phase of the progress scenario.</summary>
public sealed class ProgressPhase
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Target { get; init; }
    public double Rate { get; init; }
    public double Seconds { get; init; }
    public int Requested { get; set; }
    public int Ok { get; set; }
    public int Failed { get; set; }
    public double[] LatenciesMs { get; set; } = [];
    public double[] LagMs { get; set; } = [];
    public double SendSeconds { get; set; }
    public double WallSeconds { get; set; }
    public Dictionary<string, int> CacheOutcomes { get; } = [];
    public Dictionary<string, int> Statuses { get; } = [];
    public List<string> Errors { get; } = [];
    public string LoadAtStart { get; set; } = "";

    /// <summary>p50 and p99 of the requests sent in each 5-second window, in order.</summary>
    public List<(double P50, double P99)> Windows { get; } = [];

    /// <summary>What the service's own metrics saw during the phase.</summary>
    public ProgressServerView? Server { get; set; }
    public string LoadAtEnd { get; set; } = "";

    public double AchievedRate => Requested / Math.Max(0.001, SendSeconds);
    public double CompletedRate => Ok / Math.Max(0.001, WallSeconds);
    public double P50 => Percentile(LatenciesMs, 0.50);
    public double P95 => Percentile(LatenciesMs, 0.95);
    public double P99 => Percentile(LatenciesMs, 0.99);
    public double Max => LatenciesMs.Length == 0 ? 0 : LatenciesMs.Max();
    public double LagP99 => Percentile(LagMs, 0.99);

    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Open-loop load at a fixed rate: request <c>i</c> is due at <c>i / rate</c> seconds and is sent then whether or not
/// earlier ones have answered (no coordinated omission from waiting on the server). A dedicated thread releases
/// due requests every millisecond; latency is measured from the moment a request is handed to HttpClient to the
/// last byte of its body; how late the generator released it (lag) is recorded separately.
/// </summary>
public static class ProgressLoad
{
    public const string CacheHeader = "X-Progress-Cache";

    public static async Task RunAsync(HttpClient http, ProgressPhase phase, Func<int, (string Path, string Token)> request, CancellationToken cancellationToken)
    {
        var total = (int)Math.Round(phase.Rate * phase.Seconds);
        var latencies = new double[total];
        var lags = new double[total];
        var ok = new bool[total];
        var outcomes = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentDictionary<string, int>();
        var errors = new ConcurrentQueue<string>();
        var tasks = new Task[total];
        // Build every request before the clock starts: the generator thread only sends.
        var requests = Enumerable.Range(0, total).Select(i =>
        {
            var (path, token) = request(i);
            var message = new HttpRequestMessage(HttpMethod.Get, path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return message;
        }).ToArray();

        phase.LoadAtStart = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        double sendSeconds = 0;
        var generator = new Thread(() =>
        {
            for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
            {
                var due = i / phase.Rate;
                while (clock.Elapsed.TotalSeconds < due)
                {
                    Thread.Sleep(1);
                }
                lags[i] = (clock.Elapsed.TotalSeconds - due) * 1000;
                tasks[i] = SendAsync(http, requests[i], i, latencies, ok, outcomes, statuses, errors, cancellationToken);
            }
            sendSeconds = clock.Elapsed.TotalSeconds;
        })
        { IsBackground = true, Name = "progress-load", Priority = ThreadPriority.AboveNormal };
        generator.Start();
        await Task.Run(generator.Join, cancellationToken);
        await Task.WhenAll(tasks.Where(t => t is not null));
        phase.WallSeconds = clock.Elapsed.TotalSeconds;
        phase.LoadAtEnd = MachineInfo.LoadAverage();

        phase.Requested = tasks.Count(t => t is not null);
        phase.SendSeconds = sendSeconds;
        phase.Ok = ok.Count(x => x);
        phase.Failed = phase.Requested - phase.Ok;
        phase.LatenciesMs = latencies.Where((_, i) => ok[i]).ToArray();
        var perWindow = (int)Math.Max(1, Math.Round(phase.Rate * 5));
        for (var start = 0; start < phase.Requested; start += perWindow)
        {
            var window = Enumerable.Range(start, Math.Min(perWindow, phase.Requested - start)).Where(i => ok[i]).Select(i => latencies[i]).ToArray();
            phase.Windows.Add((ProgressPhase.Percentile(window, 0.50), ProgressPhase.Percentile(window, 0.99)));
        }
        phase.LagMs = lags.Take(phase.Requested).ToArray();
        foreach (var (k, v) in outcomes) phase.CacheOutcomes[k] = v;
        foreach (var (k, v) in statuses) phase.Statuses[k] = v;
        phase.Errors.AddRange(errors.Distinct().Take(10));
        foreach (var message in requests) message.Dispose();
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, int index, double[] latencies, bool[] ok,
        ConcurrentDictionary<string, int> outcomes, ConcurrentDictionary<string, int> statuses, ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            statuses.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            var outcome = response.Headers.TryGetValues(CacheHeader, out var values) ? values.FirstOrDefault() ?? "-" : "-";
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            ok[index] = response.IsSuccessStatusCode;
            if (!response.IsSuccessStatusCode)
            {
                errors.Enqueue($"{(int)response.StatusCode} {request.RequestUri}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            statuses.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            errors.Enqueue($"{e.GetType().Name}: {e.Message}");
        }
    }
}
