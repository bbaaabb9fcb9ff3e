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
public class AcceptanceApp : ServiceHost<Program>
{
    /// <summary>Wed 2026-03-25 10:00 in China.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 25, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public AcceptanceApp() : base("acceptancedb", "Acceptance", Now)
    {
    }

    /// <summary>host:port of the Redis to use, or null for none.</summary>
    protected virtual string? RedisConnection => null;

    /// <summary>Progress:Cache (on/off).</summary>
    protected virtual string ProgressCache => "on";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Progress:Cache", ProgressCache);
        if (RedisConnection is { } redis)
        {
            builder.UseSetting("ConnectionStrings:cache", redis);
        }
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
            KindDetails.NewConnection, journey.Plan, policyVersion, acceptedAt.AddHours(-1));
        application.Accept(policyVersion, journey.Plan, manager, acceptedAt);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        journey.ApplicationId = application.Id;
        return journey;
    }

    /// <summary>Publishes each message (a new message id each) and waits until Acceptance has consumed it without a fault.</summary>
    public async Task PublishAsync(params object[] messages)
    {
        foreach (var message in messages)
        {
            await base.PublishAsync(message, message.GetType());
        }
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
