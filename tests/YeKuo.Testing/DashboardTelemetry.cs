using System.Globalization;
using System.Text.Json;

namespace YeKuo.Testing;

/// <summary>One span as the dashboard stored it (from its OTLP JSON), with the service that sent it.</summary>
public sealed record TelemetrySpan(string Service, string TraceId, string SpanId, string? ParentSpanId, string Name, string Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
}

/// <summary>One log record as the dashboard stored it.</summary>
public sealed record TelemetryLog(string Service, string Body, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// The Aspire dashboard's telemetry API (<c>/api/telemetry/*</c>, OTLP JSON): what the services exported over OTLP, read the
/// way a developer's tools read it.
/// </summary>
public sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { "x-api-key", apiKey } } };

    public Uri Dashboard { get; } = dashboard;

    /// <summary>Waits until the telemetry API answers (the dashboard starts beside the resources).</summary>
    public async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("/api/telemetry/resources", cancellationToken);
                if (response.IsSuccessStatusCode) return;
                throw new HttpRequestException($"the dashboard's telemetry API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    /// <summary>Every span the dashboard holds (newest last), optionally of one trace.</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> GetSpansAsync(string? traceId = null, CancellationToken cancellationToken = default)
    {
        var query = traceId is null ? "/api/telemetry/spans?limit=100000" : $"/api/telemetry/spans?traceId={traceId}&limit=100000";
        using var document = await GetAsync(query, cancellationToken);
        List<TelemetrySpan> spans = [];
        foreach (var resource in Array(Data(document), "resourceSpans"))
        {
            var service = ServiceOf(resource);
            foreach (var scope in Array(resource, "scopeSpans"))
            {
                foreach (var span in Array(scope, "spans"))
                {
                    spans.Add(new TelemetrySpan(service, Text(span, "traceId"), Text(span, "spanId"),
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } p ? p : null,
                        Text(span, "name"), KindOf(span), Attributes(span)));
                }
            }
        }
        return spans;
    }

    /// <summary>Every log record the dashboard holds.</summary>
    public async Task<IReadOnlyList<TelemetryLog>> GetLogsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("/api/telemetry/logs?limit=100000", cancellationToken);
        List<TelemetryLog> logs = [];
        foreach (var resource in Array(Data(document), "resourceLogs"))
        {
            var service = ServiceOf(resource);
            foreach (var scope in Array(resource, "scopeLogs"))
            {
                foreach (var record in Array(scope, "logRecords"))
                {
                    var body = record.TryGetProperty("body", out var b) ? ValueText(b) : "";
                    logs.Add(new TelemetryLog(service, body, Attributes(record)));
                }
            }
        }
        return logs;
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} on the dashboard: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body);
    }

    private static JsonElement Data(JsonDocument document) =>
        document.RootElement.TryGetProperty("data", out var data) ? data : document.RootElement;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.ToString() : "";

    private static string ServiceOf(JsonElement resource) =>
        resource.TryGetProperty("resource", out var r) && Attributes(r).GetValueOrDefault("service.name") is { } name ? name : "";

    private static Dictionary<string, string> Attributes(JsonElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in Array(element, "attributes"))
        {
            result[Text(attribute, "key")] = attribute.TryGetProperty("value", out var value) ? ValueText(value) : "";
        }
        return result;
    }

    /// <summary>An OTLP AnyValue (<c>{"stringValue": "..."}</c>, <c>{"intValue": 3}</c>, ...) as text.</summary>
    private static string ValueText(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) return value.ToString();
        foreach (var property in value.EnumerateObject())
        {
            return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.ToString();
        }
        return "";
    }

    /// <summary>OTLP span kinds (JSON may carry the number or the enum name) as Zipkin-style words: SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL.</summary>
    private static string KindOf(JsonElement span)
    {
        if (!span.TryGetProperty("kind", out var kind)) return "INTERNAL";
        var number = kind.ValueKind == JsonValueKind.Number ? kind.GetInt32() : -1;
        var name = kind.ValueKind == JsonValueKind.String ? kind.GetString()!.ToUpper(CultureInfo.InvariantCulture) : "";
        return number switch
        {
            2 => "SERVER",
            3 => "CLIENT",
            4 => "PRODUCER",
            5 => "CONSUMER",
            _ when name.Contains("SERVER", StringComparison.Ordinal) => "SERVER",
            _ when name.Contains("CLIENT", StringComparison.Ordinal) => "CLIENT",
            _ when name.Contains("PRODUCER", StringComparison.Ordinal) => "PRODUCER",
            _ when name.Contains("CONSUMER", StringComparison.Ordinal) => "CONSUMER",
            _ => "INTERNAL",
        };
    }

    public void Dispose() => _http.Dispose();
}
