using System.Globalization;
using System.Net.Http.Headers;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// What the service itself saw during a phase, from its Prometheus <c>/metrics</c> (scraped before and after with a
/// platform token): the server-side request duration histogram of the measured route (Kestrel in → response out), GC
/// collections and pause time, and process CPU time.
/// </summary>
public sealed class ProgressServerView
{
    /// <summary>Requests of the route that completed in the phase, by histogram bound (seconds, cumulative).</summary>
    public SortedDictionary<double, double> Buckets { get; } = [];

    public double Requests { get; set; }

    public Dictionary<string, double> GcCollections { get; } = [];

    public double GcPauseSeconds { get; set; } = double.NaN;

    public double CpuSeconds { get; set; } = double.NaN;

    /// <summary>The smallest bound that holds at least <paramref name="p"/> of the requests (an upper bound of that percentile).</summary>
    public double? PercentileBound(double p) =>
        Requests <= 0 ? null : Buckets.Where(b => b.Value >= p * Requests).Select(b => (double?)b.Key).FirstOrDefault();

    public double ShareWithin(double seconds) =>
        Requests <= 0 ? double.NaN : Buckets.Where(b => b.Key <= seconds + 1e-12).Select(b => b.Value).DefaultIfEmpty(0).Max() / Requests;
}

public static class ProgressMetrics
{
    /// <summary>Every sample of the service's <c>/metrics</c> by name and labels (empty when it cannot be read); <paramref name="dumpPath"/> keeps the text.</summary>
    public static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http, string token, CancellationToken cancellationToken, string? dumpPath = null)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return values;
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (dumpPath is not null)
            {
                await File.WriteAllTextAsync(dumpPath, text, cancellationToken);
            }
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                // name{labels} value [timestamp]
                var close = line.LastIndexOf('}');
                var key = close >= 0 ? line[..(close + 1)] : line.Split(' ')[0];
                var rest = line[key.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (rest.Length > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[key] = value;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        return values;
    }

    /// <summary>The difference between two scrapes for one route (its template as ASP.NET names it).</summary>
    public static ProgressServerView Between(Dictionary<string, double> before, Dictionary<string, double> after, string route)
    {
        var view = new ProgressServerView();
        double Delta(string key) => after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
        foreach (var key in after.Keys)
        {
            if (key.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) && key.Contains($"http_route=\"{route}\"", StringComparison.Ordinal))
            {
                var le = Label(key, "le");
                if (le is not null && double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
                {
                    view.Buckets[bound] = view.Buckets.GetValueOrDefault(bound) + Delta(key);
                }
                else if (le == "+Inf")
                {
                    view.Requests += Delta(key);
                }
            }
            else if (key.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal))
            {
                var generation = Label(key, "gc_heap_generation") ?? Label(key, "generation") ?? "all";
                view.GcCollections[generation] = view.GcCollections.GetValueOrDefault(generation) + Delta(key);
            }
            else if (key.StartsWith("dotnet_gc_pause_time_seconds_total", StringComparison.Ordinal))
            {
                view.GcPauseSeconds = (double.IsNaN(view.GcPauseSeconds) ? 0 : view.GcPauseSeconds) + Delta(key);
            }
            else if (key.StartsWith("dotnet_process_cpu_time_seconds_total", StringComparison.Ordinal) || key.StartsWith("process_cpu_time_seconds_total", StringComparison.Ordinal))
            {
                view.CpuSeconds = (double.IsNaN(view.CpuSeconds) ? 0 : view.CpuSeconds) + Delta(key);
            }
        }
        return view;
    }

    private static string? Label(string key, string name)
    {
        var start = key.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0 || (start > 0 && key[start - 1] is not ('{' or ',')))
        {
            return null;
        }
        start += name.Length + 2;
        var end = key.IndexOf('"', start);
        return end < 0 ? null : key[start..end];
    }
}
