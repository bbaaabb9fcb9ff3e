using System.Collections.Concurrent;
using System.Net;
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
using YeKuo.Contracts.Events;

namespace YeKuo.Tests.Support;

/// <summary>
/// One YeKuo service in-process for its component tests (the host every service's tests derive from): a temp SQLite file,
/// MassTransit's in-memory test harness instead of RabbitMQ (the outbox relay publishes through it, and the service's
/// consumers receive what the tests publish), the tests' signing key, optionally a <see cref="FakeTimeProvider"/> as
/// the clock, and every client signed in as the test operator of the service's department.
/// </summary>
public abstract class ServiceHost<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _databaseName;
    private readonly FakeTimeProvider? _clock;

    /// <param name="databaseName">The service's connection string name, e.g. <c>inspectiondb</c>.</param>
    /// <param name="department">Whose operator every client is (see <see cref="TestIdentities.IdentityOf"/>).</param>
    /// <param name="clockStart">The fake clock's start; null keeps the real clock.</param>
    protected ServiceHost(string databaseName, string department, DateTimeOffset? clockStart)
    {
        _databaseName = databaseName;
        Department = department;
        _clock = clockStart is { } start ? new FakeTimeProvider(start) : null;
        DatabasePath = Path.Combine(Path.GetTempPath(), $"yekuo-{databaseName}-tests-{Guid.NewGuid():N}.db");
    }

    public string Department { get; }

    /// <summary>The service's clock; tests move it (by whole working days, or back to a fixed start).</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException($"{GetType().Name} runs on the real clock.");

    /// <summary>Counts every consumption by message id (the harness's own lists keep one entry per message id, hiding redeliveries).</summary>
    public ConsumeCounter Consumptions { get; } = new();

    public ITestHarness Harness => Services.GetTestHarness();

    protected string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // AddMessaging requires a broker address; the harness replaces the transport, so nothing connects to it.
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting($"ConnectionStrings:{_databaseName}", $"Data Source={DatabasePath}");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        // Tests move the fake clock by weeks and read their own outbox and inbox rows afterwards; the deletion of old rows
        // is tested on its own (MessageRetention).
        builder.UseSetting("Retention:Enabled", "false");
        ConfigureSettings(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(harness => harness.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5)));
            if (_clock is not null)
            {
                services.AddSingleton<TimeProvider>(_clock);
            }
            services.AddConsumeObserver(_ => Consumptions);
            ConfigureServices(services);
        });
    }

    /// <summary>Settings a service's host adds (poll intervals, feature switches).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>Services a host replaces (e.g. recording senders).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

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

    /// <summary>Publishes <paramref name="message"/> with the given message id and waits until every consumer of its type has finished with it.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class => PublishAsync(message, typeof(T), messageId);

    /// <summary>As <see cref="PublishAsync{T}"/> for a message whose type is known at run time.</summary>
    public async Task PublishAsync(object message, Type messageType, Guid? messageId = null)
    {
        // Make sure the host (and with it the bus) runs before publishing.
        _ = Server;
        var id = messageId ?? NewId.NextGuid();
        var before = Consumptions.Finished(id);
        // Every consumer of the type must be done (e.g. StepCompleted has two in notification): waiting for the first only
        // made assertions race the others.
        // A batch consumer (IConsumer<Batch<T>>) consumes each message of its batch as one of T's consumers.
        Type[] consumerTypes = [typeof(IConsumer<>).MakeGenericType(messageType), typeof(IConsumer<>).MakeGenericType(typeof(Batch<>).MakeGenericType(messageType))];
        var consumers = Services.GetServices<MassTransit.Configuration.IConsumerRegistration>().Count(r => consumerTypes.Any(t => t.IsAssignableFrom(r.Type)));
        Assert.True(consumers > 0, $"No consumer of {messageType.Name} is registered.");
        await Harness.Bus.Publish(message, messageType, context => context.MessageId = id);
        await WaitUntilAsync(() => Consumptions.Finished(id) >= before + consumers, $"{messageType.Name} {id} was not consumed by all {consumers} consumers");
        Assert.Equal(0, Consumptions.Faulted(id));
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far (by the outbox relay or by the tests).</summary>
    public IReadOnlyList<(T Message, Guid? MessageId)> PublishedSoFar<T>(Func<T, bool> filter) where T : class =>
        Harness.Published.Select(m => m.MessageObject is T typed && filter(typed))
            .Select(m => ((T)m.MessageObject, m.Context.MessageId))
            .ToArray();

    /// <summary>
    /// Waits until a matching <typeparamref name="T"/> was published and returns the first; with <paramref name="consumed"/>,
    /// also until this service's consumers have handled it (e.g. a StepCompleted that opens the next step here).
    /// </summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> filter, bool consumed = false) where T : class
    {
        IReadOnlyList<(T Message, Guid? MessageId)> found = [];
        await WaitUntilAsync(() => (found = PublishedSoFar(filter)).Count > 0, $"No matching {typeof(T).Name} was published");
        var (message, messageId) = found[0];
        if (consumed)
        {
            await ConsumedAsync(messageId ?? throw new InvalidOperationException($"{typeof(T).Name} was published without a MessageId."));
        }
        return message;
    }

    /// <summary>
    /// Work items whose opening was announced so far: each <see cref="WorkItemOpened"/>, and each opening a
    /// <see cref="StepCompleted"/> carries for the next step its completion opened in the same commit.
    /// </summary>
    public IReadOnlyList<WorkItemOpened> OpeningsSoFar(Func<WorkItemOpened, bool> filter) =>
        PublishedSoFar(filter).Select(p => p.Message)
            .Concat(PublishedSoFar<StepCompleted>(c => c.NextOpened is { } opened && filter(opened)).Select(p => p.Message.NextOpened!))
            .ToArray();

    /// <summary>Waits until a matching opening was announced (<see cref="OpeningsSoFar"/>) and returns the first.</summary>
    public async Task<WorkItemOpened> OpeningAsync(Func<WorkItemOpened, bool> filter)
    {
        IReadOnlyList<WorkItemOpened> found = [];
        await WaitUntilAsync(() => (found = OpeningsSoFar(filter)).Count > 0, "No matching opening was announced");
        return found[0];
    }

    /// <summary>Waits until a message with this id has been consumed (e.g. one the outbox relay published).</summary>
    public async Task ConsumedAsync(Guid messageId)
    {
        await WaitUntilAsync(() => Consumptions.Finished(messageId) > 0, $"Message {messageId} was not consumed");
        Assert.Equal(0, Consumptions.Faulted(messageId));
    }

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

    public static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

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
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
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
