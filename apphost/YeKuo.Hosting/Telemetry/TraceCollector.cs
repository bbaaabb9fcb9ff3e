using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace YeKuo.Hosting.Telemetry;

/// <summary>One span as a Zipkin v2 JSON body carries it (what <c>OpenTelemetry.Exporter.Zipkin</c> posts).</summary>
public sealed record CollectedSpan(
    string TraceId,
    string Id,
    string? ParentId,
    string Name,
    string? Kind,
    string Service,
    long TimestampMicros,
    long DurationMicros,
    IReadOnlyDictionary<string, string> Tags)
{
    public DateTimeOffset Start => DateTimeOffset.UnixEpoch.AddTicks(TimestampMicros * 10);

    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;
}

/// <summary>
/// A small Zipkin-compatible span receiver on a loopback port: <c>POST /api/v2/spans</c> (Zipkin JSON v2, optionally
/// gzip) keeps the most recent spans in memory; <c>GET /</c> lists recent traces, <c>GET /trace/{id}</c> shows one
/// trace as a waterfall by service, <c>GET /api/traces/{id}</c> returns its spans as JSON. No dependencies: an
/// <see cref="HttpListener"/>, so the AppHost and the tests can run it in process.
/// </summary>
public sealed class TraceCollector : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<CollectedSpan> _spans = new();
    private readonly int _capacity;
    private HttpListener? _listener;
    private Task? _loop;
    private CancellationTokenSource? _stop;

    public TraceCollector(int capacity = 100_000) => _capacity = capacity;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Where exporters post: <c>http://127.0.0.1:port/api/v2/spans</c>.</summary>
    public string SpansEndpoint => BaseUrl + "api/v2/spans";

    /// <summary>Every span received so far (bounded by the capacity, oldest dropped first).</summary>
    public IReadOnlyList<CollectedSpan> Spans
    {
        get
        {
            lock (_gate) return _spans.ToList();
        }
    }

    public IReadOnlyList<CollectedSpan> Trace(string traceId) => Spans.Where(s => s.TraceId == traceId).OrderBy(s => s.TimestampMicros).ToList();

    public void Start(int port)
    {
        Port = port;
        _listener = new HttpListener();
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => AcceptLoopAsync(_listener, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is null) return;
        await (_stop?.CancelAsync() ?? Task.CompletedTask).ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException) { }
        }
        _listener = null;
        _stop?.Dispose();
    }

    /// <summary>Adds spans from a Zipkin v2 JSON array (also used by tests and the endpoint).</summary>
    public int Add(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var added = new List<CollectedSpan>();
        foreach (var span in document.RootElement.EnumerateArray())
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (span.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
                foreach (var tag in t.EnumerateObject()) tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
            var service = span.TryGetProperty("localEndpoint", out var local) && local.TryGetProperty("serviceName", out var name)
                ? name.GetString() ?? "?" : "?";
            added.Add(new CollectedSpan(
                span.GetProperty("traceId").GetString()!,
                span.GetProperty("id").GetString()!,
                span.TryGetProperty("parentId", out var parent) ? parent.GetString() : null,
                span.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
                span.TryGetProperty("kind", out var kind) ? kind.GetString() : null,
                service,
                span.TryGetProperty("timestamp", out var ts) ? ts.GetInt64() : 0,
                span.TryGetProperty("duration", out var d) ? d.GetInt64() : 0,
                tags));
        }
        lock (_gate)
        {
            foreach (var span in added) _spans.AddLast(span);
            while (_spans.Count > _capacity) _spans.RemoveFirst();
        }
        return added.Count;
    }

    private async Task AcceptLoopAsync(HttpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context), CancellationToken.None);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url?.AbsolutePath.TrimEnd('/') ?? "";
            if (request.HttpMethod == "POST" && path == "/api/v2/spans")
            {
                Stream body = request.InputStream;
                if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
                    body = new GZipStream(body, CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer).ConfigureAwait(false);
                Add(buffer.ToArray());
                response.StatusCode = (int)HttpStatusCode.Accepted;
            }
            else if (request.HttpMethod == "GET" && path.StartsWith("/api/traces/", StringComparison.Ordinal))
            {
                await WriteAsync(response, "application/json", JsonSerializer.Serialize(Trace(path["/api/traces/".Length..]))).ConfigureAwait(false);
            }
            else if (request.HttpMethod == "GET" && path.StartsWith("/trace/", StringComparison.Ordinal))
            {
                await WriteAsync(response, "text/html; charset=utf-8", TraceView.Waterfall(path["/trace/".Length..], Trace(path["/trace/".Length..]))).ConfigureAwait(false);
            }
            else if (request.HttpMethod == "GET" && path.Length == 0)
            {
                await WriteAsync(response, "text/html; charset=utf-8", TraceView.List(Spans, request.QueryString["application"])).ConfigureAwait(false);
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or InvalidDataException)
        {
            response.StatusCode = (int)HttpStatusCode.BadRequest;
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            try { response.Close(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}

/// <summary>The trace view's two HTML pages.</summary>
internal static class TraceView
{
    private static readonly string[] Colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f"];

    public static string List(IReadOnlyList<CollectedSpan> spans, string? application)
    {
        var traces = spans.GroupBy(s => s.TraceId)
            .Select(g => new
            {
                TraceId = g.Key,
                Start = g.Min(s => s.TimestampMicros),
                End = g.Max(s => s.TimestampMicros + s.DurationMicros),
                Root = g.FirstOrDefault(s => s.ParentId is null || g.All(p => p.Id != s.ParentId)) ?? g.First(),
                Services = g.Select(s => s.Service).Distinct().Order().ToList(),
                Application = g.Select(s => s.Tag("yekuo.application.id")).FirstOrDefault(a => a is not null),
                Count = g.Count(),
            })
            .Where(t => string.IsNullOrEmpty(application) || t.Application == application)
            .OrderByDescending(t => t.Start)
            .Take(200);
        var sb = new StringBuilder(Header("YeKuo traces"));
        sb.Append("<p>Recent traces (newest first). Filter: <code>?application=&lt;id&gt;</code>.</p><table><tr><th>start (UTC)</th><th>root</th><th>services</th><th>spans</th><th>ms</th><th>application</th></tr>");
        foreach (var t in traces)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(t.Start)}</td><td><a href=\"/trace/{t.TraceId}\">{E(t.Root.Service)}: {E(t.Root.Name)}</a></td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(", ", t.Services))}</td><td>{t.Count}</td><td>{(t.End - t.Start) / 1000.0:0.0}</td><td>{E(t.Application ?? "")}</td></tr>");
        }
        return sb.Append("</table></body></html>").ToString();
    }

    public static string Waterfall(string traceId, IReadOnlyList<CollectedSpan> spans)
    {
        var sb = new StringBuilder(Header("Trace " + traceId));
        sb.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/\">all traces</a> · trace <code>{E(traceId)}</code> · {spans.Count} spans</p>");
        if (spans.Count == 0) return sb.Append("<p>No spans (yet).</p></body></html>").ToString();
        var start = spans.Min(s => s.TimestampMicros);
        var total = Math.Max(1, spans.Max(s => s.TimestampMicros + s.DurationMicros) - start);
        var services = spans.Select(s => s.Service).Distinct().ToList();
        var children = spans.ToLookup(s => s.ParentId ?? "");
        var ids = spans.Select(s => s.Id).ToHashSet();
        var ordered = new List<(CollectedSpan Span, int Depth)>();
        void Visit(CollectedSpan span, int depth)
        {
            ordered.Add((span, depth));
            foreach (var child in children[span.Id].OrderBy(c => c.TimestampMicros)) Visit(child, depth + 1);
        }
        foreach (var root in spans.Where(s => s.ParentId is null || !ids.Contains(s.ParentId)).OrderBy(s => s.TimestampMicros)) Visit(root, 0);

        sb.Append("<table class=\"w\"><tr><th>service</th><th>span</th><th style=\"width:50%\">timeline</th><th>ms</th></tr>");
        foreach (var (span, depth) in ordered)
        {
            var left = 100.0 * (span.TimestampMicros - start) / total;
            var width = Math.Max(0.3, 100.0 * span.DurationMicros / total);
            var color = Colors[services.IndexOf(span.Service) % Colors.Length];
            var title = string.Join("\n", span.Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"dot\" style=\"background:{color}\"></span>{E(span.Service)}</td>")
              .Append(CultureInfo.InvariantCulture, $"<td style=\"padding-left:{depth * 14}px\" title=\"{E(title)}\">{E(span.Name)} <small>{E(span.Kind ?? "")}</small>")
              .Append(CultureInfo.InvariantCulture, $"{Handoff(span)}</td><td><div class=\"bar\" style=\"margin-left:{left:0.##}%;width:{width:0.##}%;background:{color}\"></div></td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{span.DurationMicros / 1000.0:0.0}</td></tr>");
        }
        return sb.Append("</table><p>Hover a span for its tags.</p></body></html>").ToString();
    }

    private static string Handoff(CollectedSpan span) =>
        span.Tag("yekuo.department.from") is { } from
            ? $" <small>[{E(span.Tag("yekuo.step") ?? "")} {E(from)} → {E(span.Tag("yekuo.department.to") ?? "?")}]</small>"
            : "";

    private static string Header(string title) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>body{{font:13px sans-serif;margin:1em}}" +
        "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left;white-space:nowrap}" +
        ".bar{height:10px;border-radius:2px}.dot{display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:4px}</style></head>" +
        $"<body><h2>{E(title)}</h2>";

    private static string Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
