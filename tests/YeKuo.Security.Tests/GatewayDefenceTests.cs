extern alias gateway;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using YeKuo.Tests.Support;
using GatewayProgram = gateway::Program;

namespace YeKuo.Security.Tests;

/// <summary>The gateway in-process (no services behind it): what it refuses before anything is proxied.</summary>
public sealed class GatewayDefenceTests : IClassFixture<GatewayDefenceTests.Gateway>
{
    private readonly Gateway _gateway;

    public GatewayDefenceTests(Gateway gateway) => _gateway = gateway;

    public class Gateway : WebApplicationFactory<GatewayProgram>
    {
        protected virtual string Environment => "Development";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environment);
            foreach (var service in new[] { "acceptance", "supplyscheme", "inspection", "metering", "notification" })
            {
                // Nothing listens there: a request that got through would answer 502.
                builder.UseSetting($"services:{service}:http:0", "http://127.0.0.1:9");
            }
            // ... at once: not held as if the service were restarting.
            builder.UseSetting(gateway::YeKuo.Gateway.RestartHold.HoldSetting, "0");
            builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
            builder.UseSetting("Jwt:Issuer", TestTokens.Issuer);
            builder.UseSetting("Jwt:Audience", TestTokens.Audience);
            builder.UseSetting("DevTokens:Enabled", "true");
            builder.UseSetting("RateLimits:Public:PermitsPerWindow", "5");
            builder.UseSetting("RateLimits:Public:WindowSeconds", "30");
        }
    }

    public sealed class ProductionGateway : Gateway
    {
        protected override string Environment => "Production";
    }

    [Fact]
    public async Task Public_endpoints_are_rate_limited_per_client_with_429_and_Retry_After()
    {
        var client = _gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await client.PostAsJsonAsync("/auth/dev-token", new { subject = "rate-" + i, role = "customer" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }
        // 5 per window for this client (another test of this class may have taken a few of them).
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 5);
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // The calendar (proxied) is limited per authenticated client too: a fresh subject has its own bucket.
        var calendar = _gateway.CreateClient();
        calendar.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create("rate-calendar", "customer"));
        var calendarStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            calendarStatuses.Add((await calendar.GetAsync("/api/calendar/2026")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, calendarStatuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.Unauthorized, calendarStatuses);
    }

    [Fact]
    public async Task Without_a_valid_token_nothing_but_public_endpoints_is_proxied()
    {
        var client = _gateway.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/inspection/work-items/x/complete", new { })).StatusCode);

        // Signed with another key, expired, or for another audience: all 401.
        foreach (var token in new[]
        {
            TestTokens.Create("mallory", "admin", signingKey: Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))),
            TestTokens.Create("late", "admin", lifetime: TimeSpan.FromMinutes(-5)),
            "not-a-jwt",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/applications");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }
        // The X-User header of old means nothing.
        using var spoof = new HttpRequestMessage(HttpMethod.Get, "/api/applications");
        spoof.Headers.Add("X-User", "admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(spoof)).StatusCode);

        // A valid token is let through (to a backend that is not there).
        var valid = _gateway.CreateClient();
        valid.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create("ok", "admin"));
        Assert.Equal(HttpStatusCode.BadGateway, (await valid.GetAsync("/api/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_a_request_id()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/applications");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Dev_tokens_validate_their_input_and_are_accepted_by_the_gateway()
    {
        // A gateway of its own: the rate-limit test empties the shared one's bucket.
        using var own = new Gateway();
        var client = own.CreateClient();
        var bad = await client.PostAsJsonAsync("/auth/dev-token", new { subject = "", role = "emperor" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var malformed = await client.PostAsync("/auth/dev-token", new StringContent("{\"subject\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("errors", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_dev_token_issuer_refuses_to_start_in_Production()
    {
        using var production = new ProductionGateway();
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("DevTokens:Enabled", error.ToString());
    }
}
