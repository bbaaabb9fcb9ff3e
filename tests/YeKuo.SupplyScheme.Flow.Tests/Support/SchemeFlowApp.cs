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
public class SchemeFlowApp : WebApplicationFactory<Program>
{
    /// <summary>Mon 2026-03-02 10:00 in China: a plain working day, far from holidays.</summary>
    public static readonly DateTimeOffset Monday10China = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"yekuo-supplyscheme-flow-{Guid.NewGuid():N}.db");
    private readonly IReadOnlyDictionary<string, string> _settings;

    public SchemeFlowApp() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A service of its own (not a shared fixture: xunit wants one public constructor there).</summary>
    /// <param name="settings">Extra configuration, e.g. <c>SchemeReview:MeetingDay</c>.</param>
    internal SchemeFlowApp(IReadOnlyDictionary<string, string> settings, DateTimeOffset? start = null)
    {
        _settings = settings;
        Clock = new FakeTimeProvider(start ?? Monday10China);
    }

    public FakeTimeProvider Clock { get; }

    public ConsumeCounter Consumptions { get; } = new();

    public ITestHarness Harness => Services.GetTestHarness();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // AddMessaging requires a broker address; the harness replaces the transport, so nothing connects to it.
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting("ConnectionStrings:supplyschemedb", $"Data Source={_databasePath}");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        // Periodic work on the fake clock runs once per period on every jump of the clock; keep it rare here.
        builder.UseSetting("Supervision:ScanInterval", "1.00:00:00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(harness => harness.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5)));
            services.AddSingleton<TimeProvider>(Clock);
            services.AddConsumeObserver(_ => Consumptions);
        });
    }

    /// <summary>Every client starts as the test operator (an admin); <see cref="ClientAs"/> picks someone else.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestTokens.Operator, "SupplyScheme");
    }

    /// <summary>A client acting as <paramref name="user"/> with a signed token (role from the name, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    public HttpClient ClientAs(string user) => CreateClient().As(user, "SupplyScheme");

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string user = "drafter-li") =>
        await ClientAs(user).PostAsJsonAsync(path, body, Json);

    public async Task<T> GetAsync<T>(string path) =>
        await CreateClient().GetFromJsonAsync<T>(path, Json) ?? throw new InvalidOperationException($"GET {path} returned nothing.");

    /// <summary>Publishes <paramref name="message"/> and waits until this service's consumers have finished with it.</summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        _ = Server;
        var id = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = id);
        await WaitUntilAsync(() => Task.FromResult(Consumptions.Finished(id) > 0), $"{typeof(T).Name} {id} was not consumed");
        Assert.Equal(0, Consumptions.Faulted(id));
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far (by the outbox relay or by the tests).</summary>
    public IReadOnlyList<T> Published<T>(Func<T, bool> filter) where T : class =>
        PublishedWithIds(filter).Select(p => p.Message).ToArray();

    /// <summary>
    /// Waits until a matching <typeparamref name="T"/> was published; with <paramref name="consumed"/>, also until this
    /// service's consumers have handled it (e.g. a StepCompleted that opens the next step here).
    /// </summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> filter, bool consumed = false) where T : class
    {
        IReadOnlyList<(T Message, Guid? MessageId)> found = [];
        await WaitUntilAsync(() => Task.FromResult((found = PublishedWithIds(filter)).Count > 0), $"No matching {typeof(T).Name} was published");
        var (message, messageId) = found[0];
        if (consumed)
        {
            var id = messageId ?? throw new InvalidOperationException($"{typeof(T).Name} was published without a MessageId.");
            await WaitUntilAsync(() => Task.FromResult(Consumptions.Finished(id) > 0), $"{typeof(T).Name} {id} was not consumed");
            Assert.Equal(0, Consumptions.Faulted(id));
        }
        return message;
    }

    private IReadOnlyList<(T Message, Guid? MessageId)> PublishedWithIds<T>(Func<T, bool> filter) where T : class =>
        Harness.Published.Select(m => m.MessageObject is T typed && filter(typed))
            .Select(m => ((T)m.MessageObject, m.Context.MessageId))
            .ToArray();

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

    /// <summary>Asserts the status code, showing the answer's body when it differs.</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return response;
    }

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

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure);
            }
            await Task.Delay(25);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>How often each message id was consumed to the end, and how often it faulted.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _finished = new();
    private readonly ConcurrentDictionary<Guid, int> _faulted = new();

    public int Finished(Guid messageId) => _finished.GetValueOrDefault(messageId) + Faulted(messageId);

    public int Faulted(Guid messageId) => _faulted.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _finished.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _faulted.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
