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
using YeKuo.Notification.Tests.Webhooks;
using YeKuo.Notification.Webhooks;
using YeKuo.Tests.Support;

namespace YeKuo.Notification.Tests;

/// <summary>
/// The notification service in-process: a temp SQLite file, MassTransit's in-memory test harness instead of RabbitMQ,
/// and a recording SMS/e-mail sender.
/// </summary>
public class NotificationApp : ServiceHost<Program>
{
    public NotificationApp() : this(clockStart: null)
    {
    }

    protected NotificationApp(DateTimeOffset? clockStart) : base("notificationdb", "Notification", clockStart)
    {
    }

    public RecordingNoticeSender Sender { get; } = new();

    public RecordingStaffNoticeSender StaffSender { get; } = new();

    /// <summary>The webhooks' DNS: nothing is ever resolved outside the process.</summary>
    public FakeWebhookResolver Resolver { get; } = new();

    /// <summary>The webhook dispatcher's connect step, recording every address and connecting to loopback only.</summary>
    public LoopbackOnlyConnector Connector => (LoopbackOnlyConnector)Services.GetRequiredService<WebhookConnector>();

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Notification:Delivery:PollInterval", "00:00:00.100");

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IStaffNoticeSender>(StaffSender);
        services.AddSingleton<INoticeSender>(Sender);
        services.AddSingleton<IWebhookAddressResolver>(Resolver);
        services.AddSingleton<WebhookConnector, LoopbackOnlyConnector>();
    }

    /// <summary>A client acting as <paramref name="subject"/> in exactly this role (and department, for staff and heads).</summary>
    public HttpClient ClientAs(string subject, string role, string? department = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.Create(subject, role, department));
        return client;
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

    /// <summary>The field names of a ValidationProblemDetails answer (asserting status 400 and that shape).</summary>
    public static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), $"Not a ValidationProblemDetails: {problem.RootElement}");
        return errors.EnumerateObject().Select(e => e.Name).Order().ToArray();
    }

    public async Task<NoticeDto[]> NoticesOfApplicationAsync(Guid applicationId) =>
        await CreateClient().GetFromJsonAsync<NoticeDto[]>($"/api/notifications?applicationId={applicationId}") ?? [];
}

public sealed class RecordingNoticeSender : INoticeSender
{
    private readonly ConcurrentQueue<(NoticeChannel Channel, Guid NoticeId)> _sent = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    public IReadOnlyList<(NoticeChannel Channel, Guid NoticeId)> Sent => _sent.ToArray();

    /// <summary>The next <paramref name="times"/> sends of the application's notices fail (the gateway refuses them).</summary>
    public void FailNext(string applicationNumber, int times) => _failuresLeft[applicationNumber] = times;

    public Task SendAsync(NoticeChannel channel, Notice notice, CancellationToken cancellationToken)
    {
        if (_failuresLeft.TryGetValue(notice.ApplicationNumber, out var left) && left > 0
            && _failuresLeft.TryUpdate(notice.ApplicationNumber, left - 1, left))
        {
            throw new HttpRequestException("The SMS gateway refused the message.");
        }
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

/// <summary>
/// The service on a fake clock starting Friday 2026-02-13 10:00 China time, the day before the 春节 break (02-15..02-23
/// off, Saturdays 02-14 and 02-28 working): dues in working days cross the holiday.
/// </summary>
public sealed class ClockedNotificationApp() : NotificationApp(Start)
{
    public static readonly DateTimeOffset Start = new(2026, 2, 13, 2, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The delivery and webhook timers run on the fake clock: at a daily period, moving the clock by weeks fires them a
    /// few times instead of millions (and the tests here send nothing).
    /// </summary>
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        builder.UseSetting("Notification:Delivery:PollInterval", "1.00:00:00");
        builder.UseSetting("Notification:Webhooks:PollInterval", "1.00:00:00");
    }
}

/// <summary>The service configured to send staff notices by SMS as well.</summary>
public sealed class StaffSmsNotificationApp : NotificationApp
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        builder.UseSetting("Notification:Delivery:StaffChannels:0", "Sms");
    }
}
