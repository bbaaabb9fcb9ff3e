using System.Net;
using System.Text.Json;
using StackExchange.Redis;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>Acceptance with a private redis-server child process as its cache.</summary>
public sealed class RedisApp : AcceptanceApp
{
    public RedisServer Redis { get; } = new();

    protected override string? RedisConnection => Redis.ConnectionString;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Redis.Dispose();
    }
}

/// <summary>Acceptance with Redis configured but Progress:Cache=off (the benchmark's baseline).</summary>
public sealed class CacheOffApp : AcceptanceApp
{
    public RedisServer Redis { get; } = new();

    protected override string? RedisConnection => Redis.ConnectionString;

    protected override string ProgressCache => "off";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Redis.Dispose();
    }
}

public sealed class ProgressCacheTests(RedisApp app) : IClassFixture<RedisApp>
{
    private async Task<(CustomerProgress Progress, string Source)> ProgressAsync(Guid applicationId)
    {
        var response = await app.CreateClient().GetAsync($"/api/applications/{applicationId}/progress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = JsonSerializer.Deserialize<CustomerProgress>(await response.Content.ReadAsStringAsync(), AcceptanceApp.Json)!;
        return (progress, response.Headers.GetValues(ProgressApi.CacheHeader).Single());
    }

    private async Task<string?> CachedAsync(Guid applicationId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.ConnectionString);
        var value = await redis.GetDatabase().StringGetAsync(ProgressCache.KeyOf(applicationId));
        return value.HasValue ? value.ToString() : null;
    }

    private async Task<string?> CacheHealthAsync()
    {
        var health = await app.CreateClient().GetAsync("/health");
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString();
    }

    [Fact]
    public async Task A_timeline_event_rewrites_a_cached_progress_view_in_redis_and_the_query_is_served_from_it()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-wang", At(3, 23, 11));
        // The customer looks once: the view is cached from then on.
        Assert.Equal("miss", (await ProgressAsync(j.ApplicationId)).Source);
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 23, 10), At(3, 23, 11), EndOf(3, 24)));
        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 23, 11), EndOf(4, 7)));
        await AcceptanceApp.WaitUntilAsync(async () => (await CachedAsync(j.ApplicationId))?.Contains("\"currentStep\":\"SiteSurvey\"") == true,
            "the consumer did not write the progress view to Redis");

        var (progress, source) = await ProgressAsync(j.ApplicationId);

        Assert.Equal("hit", source);
        Assert.Equal("SiteSurvey", progress.CurrentStep);
        Assert.Equal("现场勘查", progress.CurrentStepName);
        Assert.Equal("cm-wang", progress.CustomerManager);
        Assert.Equal(
            ["Acceptance:done", "SiteSurvey:inProgress", "SchemeReply:waiting", "SchemeConfirmation:waiting", "DesignSubmission:waiting",
             "DesignReview:waiting", "IntermediateInspectionRequest:waiting", "IntermediateInspection:waiting", "CompletionReport:waiting",
             "CompletionAcceptance:waiting", "SupplyContract:waiting", "PowerConnection:waiting"],
            progress.Steps.Select(s => $"{s.Step}:{s.State}"));
        Assert.Equal(EndOf(4, 7), progress.Steps[1].DueAt);
    }

    [Fact]
    public async Task A_later_event_refreshes_the_cached_view_after_its_commit()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-li", At(3, 24, 11));
        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 24, 11), EndOf(3, 26)));
        await ProgressAsync(j.ApplicationId);
        await AcceptanceApp.WaitUntilAsync(async () => await CachedAsync(j.ApplicationId) is not null, "not cached");

        await app.PublishAsync(j.Paused(Step.SiteSurvey, At(3, 24, 15), "客户不在现场"));
        await AcceptanceApp.WaitUntilAsync(async () => (await CachedAsync(j.ApplicationId))?.Contains("\"paused\":true") == true,
            "the pause did not refresh the cached view");

        var (progress, source) = await ProgressAsync(j.ApplicationId);
        Assert.Equal("hit", source);
        Assert.True(progress.Steps.Single(s => s.Step == "SiteSurvey").Paused);
    }

    [Fact]
    public async Task Events_of_an_application_nobody_has_looked_at_build_no_view()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-li", At(3, 24, 11));

        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 24, 11), EndOf(3, 26)), j.Completed(Step.SiteSurvey, At(3, 24, 15)));

        Assert.Null(await CachedAsync(j.ApplicationId));
        var (progress, source) = await ProgressAsync(j.ApplicationId);
        Assert.Equal(("miss", "done"), (source, progress.Steps.Single(s => s.Step == "SiteSurvey").State));
    }

    [Fact]
    public async Task A_miss_is_read_from_the_database_and_cached_for_the_next_query()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-zhang", At(3, 24, 11));
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.ConnectionString))
        {
            await redis.GetDatabase().KeyDeleteAsync(ProgressCache.KeyOf(j.ApplicationId));
        }

        var (first, firstSource) = await ProgressAsync(j.ApplicationId);
        var (_, secondSource) = await ProgressAsync(j.ApplicationId);

        Assert.Equal(("miss", "hit"), (firstSource, secondSource));
        Assert.Equal("Acceptance", first.CurrentStep);
    }

    [Fact]
    public async Task With_redis_stopped_consumers_still_commit_and_the_progress_is_served_from_the_database()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-zhang", At(3, 24, 11));
        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 24, 11), EndOf(3, 26)));
        app.Redis.Stop();
        try
        {
            // PublishAsync asserts the consumer did not fault.
            await app.PublishAsync(j.Completed(Step.SiteSurvey, At(3, 24, 16)), j.Opened(Step.PowerConnection, At(3, 24, 16), EndOf(3, 26)));

            var (progress, source) = await ProgressAsync(j.ApplicationId);
            var health = await CacheHealthAsync();

            Assert.Equal("bypass", source);
            Assert.Equal("PowerConnection", progress.CurrentStep);
            Assert.Equal("done", progress.Steps.Single(s => s.Step == "SiteSurvey").State);
            Assert.Equal("Degraded", health);
        }
        finally
        {
            app.Redis.Start();
            // Leave the shared fixture as found: the service's multiplexer connected again.
            await AcceptanceApp.WaitUntilAsync(async () => await CacheHealthAsync() == "Healthy", "the service did not reconnect to Redis");
        }
    }

    [Fact]
    public async Task A_cached_progress_is_served_to_its_customer_and_its_manager_and_to_no_other_customer_or_manager()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "manager-chen", At(3, 25, 11));
        var path = $"/api/applications/{j.ApplicationId}/progress";
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs(j.CustomerId).GetAsync(path)).StatusCode);

        var own = await app.ClientAs(j.CustomerId).GetAsync(path);
        var otherCustomer = await app.ClientAs("cust-someone-else").GetAsync(path);
        var manager = await app.ClientAs("manager-chen").GetAsync(path);
        var otherManager = await app.ClientAs("manager-zhou").GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("hit", own.Headers.GetValues(ProgressApi.CacheHeader).Single());
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherManager.StatusCode);
        Assert.False(otherCustomer.Headers.Contains(ProgressApi.CacheHeader));
    }

    [Fact]
    public async Task The_progress_of_an_unknown_application_is_not_found()
    {
        var response = await app.CreateClient().GetAsync($"/api/applications/{Guid.NewGuid()}/progress");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class ProgressCacheOffTests(CacheOffApp app) : IClassFixture<CacheOffApp>
{
    [Fact]
    public async Task With_the_cache_switched_off_the_progress_comes_from_the_database_and_nothing_is_written_to_redis()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-zhang", At(3, 24, 11));
        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 24, 11), EndOf(3, 26)));

        var response = await app.CreateClient().GetAsync($"/api/applications/{j.ApplicationId}/progress");

        Assert.Equal("bypass", response.Headers.GetValues(ProgressApi.CacheHeader).Single());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.ConnectionString);
        Assert.False(await redis.GetDatabase().KeyExistsAsync(ProgressCache.KeyOf(j.ApplicationId)));
    }
}
