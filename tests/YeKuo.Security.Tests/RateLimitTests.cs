extern alias gateway;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using YeKuo.Tests.Support;

namespace YeKuo.Security.Tests;

/// <summary>
/// The gateway's limits are partitioned by client address and by subject, so minting more tokens buys no more
/// requests; state-changing requests are limited per user and per address. Each test has a gateway of its own (no
/// services behind it: a request that got through answers 502).
/// </summary>
public sealed class RateLimitTests
{
    private sealed class LimitedGateway : GatewayDefenceTests.Gateway
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:Public:PermitsPerWindow", "5");
            builder.UseSetting("RateLimits:Public:WindowSeconds", "60");
            builder.UseSetting("RateLimits:Writes:PermitsPerWindow", "4");
            builder.UseSetting("RateLimits:Writes:PermitsPerAddress", "10");
            builder.UseSetting("RateLimits:Writes:WindowSeconds", "60");
        }
    }

    private static HttpClient ClientOf(LimitedGateway gateway, string subject, string role = "staff", string? department = "Inspection")
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(subject, role, department));
        return client;
    }

    [Fact]
    public async Task Three_tokens_from_one_address_share_the_addresss_public_limit()
    {
        using var gateway = new LimitedGateway();
        var statuses = new List<HttpStatusCode>();
        foreach (var subject in new[] { "minted-1", "minted-2", "minted-3" })
        {
            var client = ClientOf(gateway, subject, "customer", null);
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await client.GetAsync("/api/calendar/2026")).StatusCode);
            }
        }

        // Five for the address in all (each passed on to a backend that is not there: 502), then 429.
        Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_user_gets_a_limited_number_of_state_changing_requests_and_then_429_with_Retry_After()
    {
        using var gateway = new LimitedGateway();
        var client = ClientOf(gateway, "busy-inspector");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 7; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/inspection/work-items/{Guid.NewGuid()}/claim", new { });
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(4, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Reads are not writes: the same user still reads.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/inspection/work-items")).StatusCode);
    }

    [Fact]
    public async Task Many_users_behind_one_address_share_its_write_limit()
    {
        using var gateway = new LimitedGateway();
        var statuses = new List<HttpStatusCode>();
        for (var user = 0; user < 4; user++)
        {
            var client = ClientOf(gateway, $"colleague-{user}");
            for (var i = 0; i < 4; i++)
            {
                statuses.Add((await client.PostAsJsonAsync($"/api/inspection/work-items/{Guid.NewGuid()}/pause", new { reason = "客户原因" })).StatusCode);
            }
        }

        Assert.Equal(10, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }
}
