using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using YeKuo.SupplyScheme.Apis;
using YeKuo.Tests.Support;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.SupplyScheme.Flow.Tests.Support;

/// <summary>
/// The SupplyScheme service in-process: a temp SQLite file (migrated at start-up as in production), MassTransit's in-memory test harness instead of RabbitMQ
/// (the outbox relay publishes through it and the service's own consumers receive it, as over the broker), and a
/// <see cref="FakeTimeProvider"/> starting Mon 2026-03-02 10:00 China time.
/// </summary>
public class SchemeFlowApp : ServiceHost<Program>
{
    /// <summary>Mon 2026-03-02 10:00 in China: a plain working day, far from holidays.</summary>
    public static readonly DateTimeOffset Monday10China = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IReadOnlyDictionary<string, string> _settings;

    public SchemeFlowApp() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A service of its own (not a shared fixture: xunit wants one public constructor there).</summary>
    /// <param name="settings">Extra configuration, e.g. <c>SchemeReview:MeetingDay</c>.</param>
    internal SchemeFlowApp(IReadOnlyDictionary<string, string> settings, DateTimeOffset? start = null)
        : base("supplyschemedb", "SupplyScheme", start ?? Monday10China)
    {
        _settings = settings;
    }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        // Periodic work on the fake clock runs once per period on every jump of the clock; keep it rare here.
        builder.UseSetting("Supervision:ScanInterval", "1.00:00:00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string user = "drafter-li") =>
        await ClientAs(user).PostAsJsonAsync(path, body, Json);

    public async Task<T> GetAsync<T>(string path) =>
        await CreateClient().GetFromJsonAsync<T>(path, Json) ?? throw new InvalidOperationException($"GET {path} returned nothing.");

    /// <summary>Messages of type <typeparamref name="T"/> published so far (by the outbox relay or by the tests).</summary>
    public IReadOnlyList<T> Published<T>(Func<T, bool> filter) where T : class =>
        PublishedSoFar(filter).Select(p => p.Message).ToArray();

    public async Task<WorkItemDto[]> WorkItemsAsync(Guid applicationId) =>
        await GetAsync<WorkItemDto[]>($"/api/supply-scheme/work-items?status=all&applicationId={applicationId}");

    /// <summary>Waits until the application has a work item matching <paramref name="filter"/> and returns it.</summary>
    public async Task<WorkItemDto> WorkItemAsync(Guid applicationId, Func<WorkItemDto, bool> filter, string description)
    {
        WorkItemDto? found = null;
        await WaitUntilAsync(async () => (found = (await WorkItemsAsync(applicationId)).FirstOrDefault(filter)) is not null,
            $"No {description} work item of application {applicationId}");
        return found!;
    }

    public Task<SchemeReviewDto> ReviewAsync(Guid reviewId) => GetAsync<SchemeReviewDto>($"/api/supply-scheme/reviews/{reviewId}");

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>The ProblemDetails of an error answer: its title and detail.</summary>
    public static async Task<(string Title, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        return (root.GetProperty("title").GetString() ?? "", root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "");
    }
}
