using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace YeKuo.Bench.Scenarios;

/// <summary>Times every request the actors send, by endpoint (method + path with ids as <c>{id}</c>, no query): the actors' view
/// of where an application's time goes (gateway + service + SQLite per request).</summary>
public sealed partial class E2eTimingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _timings = new(StringComparer.Ordinal);

    /// <summary>Off during the warm-up.</summary>
    public bool Recording { get; set; }

    public IReadOnlyDictionary<string, double[]> Timings =>
        _timings.ToDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray(), StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Recording)
        {
            var key = $"{request.Method} {Normalize(request.RequestUri)}";
            _timings.GetOrAdd(key, _ => []).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return response;
    }

    private static string Normalize(Uri? uri)
    {
        if (uri is null) return "?";
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        return Guid().Replace(path, "{id}");
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
