extern alias gateway;
extern alias web;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using YeKuo.Tests.Support;
using GatewayProgram = gateway::Program;
using WebProgram = web::Program;

namespace YeKuo.Security.Tests;

/// <summary>
/// Whatever mints tokens or signs anyone in without a password exists in Development only: every other environment
/// (Staging, a test stage, a misspelt Production) refuses to start with it switched on.
/// </summary>
public sealed class DevelopmentOnlyTests
{
    private sealed class DevTokenGateway(string environment) : GatewayDefenceTests.Gateway
    {
        protected override string Environment => environment;
    }

    private sealed class DevSignInWeb(string environment) : WebApplicationFactory<WebProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("services:gateway:http:0", "http://127.0.0.1:9");
            builder.UseSetting("DevSignIn:Enabled", "true");
        }
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    [InlineData("production")]
    [InlineData("Test")]
    [InlineData("UAT")]
    public void The_gateway_refuses_to_start_with_dev_tokens_outside_Development(string environment)
    {
        using var gateway = new DevTokenGateway(environment);

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("DevTokens:Enabled", error.ToString());
    }

    [Fact]
    public async Task Development_issues_dev_tokens()
    {
        using var gateway = new DevTokenGateway("Development");

        using var response = await gateway.CreateClient().PostAsJsonAsync("/auth/dev-token", new { subject = "dev", role = "customer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    [InlineData("Test")]
    public void The_web_front_end_refuses_to_start_with_development_sign_in_outside_Development(string environment)
    {
        using var site = new DevSignInWeb(environment);

        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains("DevSignIn:Enabled", error.ToString());
    }
}
