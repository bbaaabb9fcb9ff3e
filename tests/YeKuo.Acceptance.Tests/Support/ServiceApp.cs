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
using Xunit;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Tests.Support;

/// <summary>
/// One YeKuo service in-process (shared by the Acceptance, SupplyScheme, Inspection and Metering component tests):
/// a temp SQLite file, MassTransit's in-memory test harness instead of RabbitMQ (the outbox relay publishes through
/// it, and its consumers receive what the tests publish), and a <see cref="FakeTimeProvider"/> as the clock.
/// </summary>
public abstract class ServiceApp<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
{
    /// <summary>Mon 2026-03-02 10:00 in China: a plain working day, far from holidays.</summary>
    public static readonly DateTimeOffset Monday10China = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _connectionName;
    private readonly string _databasePath;

    protected ServiceApp(string connectionName, string workItemsPrefix)
    {
        _connectionName = connectionName;
        WorkItemsPrefix = workItemsPrefix;
        _databasePath = Path.Combine(Path.GetTempPath(), $"yekuo-{connectionName}-tests-{Guid.NewGuid():N}.db");
    }

    /// <summary>The service's clock; tests move it (by whole working days, or back to a fixed start).</summary>
    public FakeTimeProvider Clock { get; } = new(Monday10China);

    /// <summary>Counts every consumption by message id (the harness lists keep one entry per message id).</summary>
    public ConsumeCounter Consumptions { get; } = new();

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>e.g. /api/inspection: the worklist lives at {prefix}/work-items.</summary>
    public string WorkItemsPrefix { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // AddMessaging requires a broker address; the harness replaces the transport, so nothing connects to it.
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting($"ConnectionStrings:{_connectionName}", $"Data Source={_databasePath}");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(harness => harness.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5)));
            services.AddSingleton<TimeProvider>(Clock);
            services.AddConsumeObserver(_ => Consumptions);
        });
    }

    /// <summary>The department whose service this is (the role of test identities not named otherwise, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    public string Department => _connectionName switch
    {
        "acceptancedb" => "Acceptance",
        "supplyschemedb" => "SupplyScheme",
        "inspectiondb" => "Inspection",
        "meteringdb" => "Metering",
        _ => "Notification",
    };

    /// <summary>Every client starts as the test operator (an admin); <see cref="ClientAs"/> picks someone else.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestTokens.Operator, Department);
    }

    /// <summary>A client acting as <paramref name="user"/> with a signed token (role from the name, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    public HttpClient ClientAs(string user) => CreateClient().As(user, Department);

    /// <summary>A client with no token at all.</summary>
    public HttpClient AnonymousClient() => CreateClient().As(null, Department);

    /// <summary>Publishes <paramref name="message"/> with the given message id and waits until its consumer has finished with it.</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _ = Server;
        var id = messageId ?? NewId.NextGuid();
        var before = Consumptions.Finished(id);
        await Harness.Bus.Publish(message, context => context.MessageId = id);
        await WaitUntilAsync(() => Task.FromResult(Consumptions.Finished(id) > before), $"{typeof(T).Name} {id} was not consumed");
        Assert.Equal(0, Consumptions.Faulted(id));
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far (by the outbox relay or by the tests).</summary>
    public IReadOnlyList<(T Message, Guid? MessageId)> PublishedSoFar<T>(Func<T, bool> filter) where T : class =>
        Harness.Published.Select(m => m.MessageObject is T typed && filter(typed))
            .Select(m => ((T)m.MessageObject, m.Context.MessageId))
            .ToArray();

    /// <summary>Waits until a matching <typeparamref name="T"/> has been published and returns the first one.</summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> filter) where T : class
    {
        IReadOnlyList<(T Message, Guid? MessageId)> found = [];
        await WaitUntilAsync(() => Task.FromResult((found = PublishedSoFar(filter)).Count > 0), $"No {typeof(T).Name} was published");
        return found[0].Message;
    }

    /// <summary>Waits until a matching <typeparamref name="T"/> was published and this service's consumers have handled it.</summary>
    public async Task<T> PublishedAndConsumedAsync<T>(Func<T, bool> filter) where T : class
    {
        await PublishedAsync(filter);
        var (message, messageId) = PublishedSoFar(filter)[0];
        await ConsumedAsync(messageId ?? throw new InvalidOperationException($"{typeof(T).Name} was published without a MessageId."));
        return message;
    }

    public async Task<WorkItemDto[]> WorkItemsAsync(Guid applicationId, string status = "all") =>
        await CreateClient().GetFromJsonAsync<WorkItemDto[]>($"{WorkItemsPrefix}/work-items?status={status}&applicationId={applicationId}", Json) ?? [];

    /// <summary>Waits until the application has a work item matching <paramref name="filter"/> and returns it.</summary>
    public async Task<WorkItemDto> WorkItemAsync(Guid applicationId, Func<WorkItemDto, bool> filter)
    {
        WorkItemDto? found = null;
        await WaitUntilAsync(async () => (found = (await WorkItemsAsync(applicationId)).FirstOrDefault(filter)) is not null,
            $"No matching work item of application {applicationId} in {WorkItemsPrefix}");
        return found!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string user = "staff-1") =>
        await ClientAs(user).PostAsJsonAsync(path, body, Json);

    public Task<HttpResponseMessage> CompleteAsync(Guid workItemId, object body, string user = "staff-1") =>
        PostAsync($"{WorkItemsPrefix}/work-items/{workItemId}/complete", body, user);

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

    public static async Task<WorkItemDto> ReadWorkItemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<WorkItemDto>(Json) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>The <c>errors</c> of a ValidationProblemDetails answer (asserting it is one, with status 400).</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), $"Not a ValidationProblemDetails: {problem.RootElement}");
        return errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
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

    /// <summary>Waits until a message with this id has been consumed (e.g. one the outbox relay published).</summary>
    public async Task ConsumedAsync(Guid messageId)
    {
        await WaitUntilAsync(() => Task.FromResult(Consumptions.Finished(messageId) > 0), $"Message {messageId} was not consumed");
        Assert.Equal(0, Consumptions.Faulted(messageId));
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
