extern alias gateway;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using YeKuo.Security.Tests.Infrastructure;
using YeKuo.Tests.Support;

namespace YeKuo.Security.Tests;

/// <summary>
/// The revocation list lives in Redis, so a sign-out through one gateway instance is honoured by every other; outside
/// Development a gateway without it does not start.
/// </summary>
public sealed class RevocationListTests
{
    private sealed class GatewayOn(string? cache, string environment = "Development") : GatewayDefenceTests.Gateway
    {
        protected override string Environment => environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (environment != "Development")
            {
                builder.UseSetting("DevTokens:Enabled", "false");
            }
            if (cache is not null)
            {
                builder.UseSetting("ConnectionStrings:cache", cache);
            }
        }
    }

    [Fact]
    public async Task A_sign_out_through_one_gateway_instance_is_refused_by_another_sharing_the_cache()
    {
        using var redis = new PrivateRedis("revocation-test-password");
        using var first = new GatewayOn(redis.ConnectionString);
        using var second = new GatewayOn(redis.ConnectionString);
        using var issued = await first.CreateClient().PostAsJsonAsync("/auth/dev-token", new { subject = "two-gateways", role = "staff", department = "Metering" });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        async Task<HttpStatusCode> StatusAtAsync(GatewayDefenceTests.Gateway gateway, HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await gateway.CreateClient().SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.BadGateway, await StatusAtAsync(second, HttpMethod.Get, "/api/metering/work-items"));

        Assert.Equal(HttpStatusCode.NoContent, await StatusAtAsync(first, HttpMethod.Post, "/auth/signout"));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAtAsync(second, HttpMethod.Get, "/api/metering/work-items"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAtAsync(first, HttpMethod.Get, "/api/metering/work-items"));
    }

    [Fact]
    public void Outside_Development_a_gateway_without_the_cache_refuses_to_start()
    {
        using var gateway = new GatewayOn(cache: null, environment: "Staging");

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("ConnectionStrings:cache", error.ToString());
    }
}
