using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Tests.Support;

namespace YeKuo.Acceptance.Reports.Tests.Support;

/// <summary>
/// Acceptance in-process: a temp SQLite file, MassTransit's in-memory harness instead of RabbitMQ, a fake clock, and
/// (when <see cref="RedisConnection"/> is set) a Redis cache.
/// </summary>
public class AcceptanceApp : WebApplicationFactory<Program>
{
    /// <summary>Wed 2026-03-25 10:00 in China.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 25, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"yekuo-acceptance-reports-tests-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Clock { get; } = new(Now);

    public ConsumeCounter Consumptions { get; } = new();

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>Every client starts as the test operator (an admin); <see cref="ClientAs"/> picks someone else.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestTokens.Operator, "Acceptance");
    }

    /// <summary>A client acting as <paramref name="user"/> with a signed token (role from the name, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    public HttpClient ClientAs(string user) => CreateClient().As(user, "Acceptance");

    /// <summary>host:port of the Redis to use, or null for none.</summary>
    protected virtual string? RedisConnection => null;

    /// <summary>Progress:Cache (on/off).</summary>
    protected virtual string ProgressCache => "on";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting("ConnectionStrings:acceptancedb", $"Data Source={_databasePath}");
        builder.UseSetting("Progress:Cache", ProgressCache);
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        if (RedisConnection is { } redis)
        {
            builder.UseSetting("ConnectionStrings:cache", redis);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(harness => harness.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5)));
            services.AddSingleton<TimeProvider>(Clock);
            services.AddConsumeObserver(_ => Consumptions);
        });
    }

    /// <summary>Stores an accepted application as 受理 would have (the timeline then comes from the departments' events).</summary>
    public async Task<Journey> AcceptedAsync(
        CustomerClass customerClass, string manager, DateTimeOffset acceptedAt, string policyVersion = "YK-TL-2024")
    {
        var journey = new Journey(customerClass, policyVersion);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>();
        var residential = customerClass == CustomerClass.Residential;
        var application = Application.Submit(
            journey.ApplicationNumber, journey.CustomerId, $"客户{journey.ApplicationNumber[^4..]}", customerClass,
            residential ? "11010519491231002X" : "91350100M000100Y43", "13800138000", "福州市鼓楼区五四路 1 号",
            residential ? 8m : 800m, residential ? 0.22m : 10m, customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1,
            journey.Plan, policyVersion, acceptedAt.AddHours(-1));
        application.Accept(policyVersion, journey.Plan, manager, acceptedAt);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        journey.ApplicationId = application.Id;
        return journey;
    }

    /// <summary>Publishes each message (a new message id each) and waits until Acceptance has consumed it without a fault.</summary>
    public async Task PublishAsync(params object[] messages)
    {
        _ = Server;
        foreach (var message in messages)
        {
            var id = NewId.NextGuid();
            await Harness.Bus.Publish(message, message.GetType(), context => context.MessageId = id);
            await WaitUntilAsync(() => Consumptions.Finished(id) > 0, $"{message.GetType().Name} {id} was not consumed");
            Assert.Equal(0, Consumptions.Faulted(id));
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure);
            }
            await Task.Delay(25);
        }
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
            await Task.Delay(50);
        }
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
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

/// <summary>Counts every consumption by message id; a message is finished once some consumer ran it to the end (or faulted).</summary>
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
