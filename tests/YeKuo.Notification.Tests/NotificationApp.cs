using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using YeKuo.Notification.Infrastructure.Delivery;
using YeKuo.Tests.Support;

namespace YeKuo.Notification.Tests;

/// <summary>
/// The notification service in-process: a temp SQLite file, MassTransit's in-memory test harness instead of RabbitMQ,
/// and a recording SMS/e-mail sender.
/// </summary>
public class NotificationApp : WebApplicationFactory<Program>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"yekuo-notification-tests-{Guid.NewGuid():N}.db");

    public RecordingNoticeSender Sender { get; } = new();

    public RecordingStaffNoticeSender StaffSender { get; } = new();

    /// <summary>Counts every consumption (the harness's own lists keep one entry per message id, hiding redeliveries).</summary>
    public ConsumeCounter Consumptions { get; } = new();

    public ITestHarness Harness => Services.GetTestHarness();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // AddMessaging requires a broker address; the harness below replaces the transport, so nothing connects to it.
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:5672/");
        builder.UseSetting("ConnectionStrings:notificationdb", $"Data Source={_databasePath}");
        builder.UseSetting("Notification:Delivery:PollInterval", "00:00:00.100");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        ConfigureSettings(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStaffNoticeSender>(StaffSender);
            services.AddMassTransitTestHarness(harness => harness.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5)));
            services.AddSingleton<INoticeSender>(Sender);
            services.AddConsumeObserver(_ => Consumptions);
        });
    }

    /// <summary>Every client starts as the test operator (an admin); <see cref="ClientAs"/> picks someone else.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestTokens.Operator, "Notification");
    }

    /// <summary>A client acting as <paramref name="user"/> with a signed token (role from the name, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    public HttpClient ClientAs(string user) => CreateClient().As(user, "Notification");

    /// <summary>Settings a derived fixture adds (e.g. staff SMS channels).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>Runs <paramref name="query"/> against the service's database.</summary>
    public async Task<T> QueryAsync<T>(Func<NotificationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationDbContext>());
    }

    /// <summary>The bodies of the outbox rows of <typeparamref name="TEvent"/> about <paramref name="applicationId"/>.</summary>
    public Task<List<string>> OutboxBodiesAsync<TEvent>(Guid applicationId) =>
        QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType == Messages.UrnOf(typeof(TEvent)) && m.ApplicationId == applicationId)
            .Select(m => m.Body)
            .ToListAsync());

    /// <summary>Waits until the outbox relay has published a <typeparamref name="TEvent"/> matching <paramref name="match"/>, and returns it.</summary>
    public async Task<TEvent> PublishedAsync<TEvent>(Func<TEvent, bool> match) where TEvent : class
    {
        TEvent? Find() => Harness.Published.Select<TEvent>().Select(m => m.Context.Message).FirstOrDefault(match);
        await WaitUntilAsync(() => Find() is not null, $"No {typeof(TEvent).Name} was published.");
        return Find()!;
    }

    /// <summary>The field names of a ValidationProblemDetails answer (asserting status 400 and that shape).</summary>
    public static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), $"Not a ValidationProblemDetails: {problem.RootElement}");
        return errors.EnumerateObject().Select(e => e.Name).Order().ToArray();
    }

    /// <summary>Publishes <paramref name="message"/> with the given message id and waits until its consumer has finished with it.</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        // Make sure the host (and with it the bus) runs before publishing.
        _ = Server;
        var id = messageId ?? NewId.NextGuid();
        var before = Consumptions.Finished(id);
        // Every consumer of T must be done (StepCompleted has two: customer notices and partner webhooks); waiting for the
        // first only made assertions race the other.
        var consumers = Services.GetServices<MassTransit.Configuration.IConsumerRegistration>()
            .Count(r => typeof(IConsumer<T>).IsAssignableFrom(r.Type));
        Assert.True(consumers > 0, $"No consumer of {typeof(T).Name} is registered.");
        await Harness.Bus.Publish(message, context => context.MessageId = id);
        await WaitUntilAsync(() => Consumptions.Finished(id) >= before + consumers, $"{typeof(T).Name} {id} was not consumed by all {consumers} consumers");
        Assert.Equal(0, Consumptions.Faulted(id));
    }

    public async Task<NoticeDto[]> NoticesOfApplicationAsync(Guid applicationId) =>
        await CreateClient().GetFromJsonAsync<NoticeDto[]>($"/api/notifications?applicationId={applicationId}") ?? [];

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

/// <summary>Records what would have gone out by SMS and e-mail.</summary>
public sealed class RecordingNoticeSender : INoticeSender
{
    private readonly ConcurrentQueue<(NoticeChannel Channel, Guid NoticeId)> _sent = new();

    public IReadOnlyList<(NoticeChannel Channel, Guid NoticeId)> Sent => _sent.ToArray();

    public Task SendAsync(NoticeChannel channel, Notice notice, CancellationToken cancellationToken)
    {
        _sent.Enqueue((channel, notice.Id));
        return Task.CompletedTask;
    }
}

/// <summary>Records what staff notices would have gone out by SMS and e-mail.</summary>
public sealed class RecordingStaffNoticeSender : IStaffNoticeSender
{
    private readonly ConcurrentQueue<(NoticeChannel Channel, Guid NoticeId)> _sent = new();

    public IReadOnlyList<(NoticeChannel Channel, Guid NoticeId)> Sent => _sent.ToArray();

    public Task SendAsync(NoticeChannel channel, StaffNotice notice, CancellationToken cancellationToken)
    {
        _sent.Enqueue((channel, notice.Id));
        return Task.CompletedTask;
    }
}

/// <summary>The service configured to send staff notices by SMS as well.</summary>
public sealed class StaffSmsNotificationApp : NotificationApp
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Notification:Delivery:StaffChannels:0", "Sms");
}
