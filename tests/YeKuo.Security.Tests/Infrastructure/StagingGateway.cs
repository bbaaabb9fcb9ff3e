using Microsoft.AspNetCore.Hosting;

namespace YeKuo.Security.Tests.Infrastructure;

/// <summary>The gateway in-process outside Development: dev tokens off, the revocation list in <paramref name="cache"/>.</summary>
public sealed class StagingGateway(string cache) : GatewayDefenceTests.Gateway
{
    protected override string Environment => "Staging";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DevTokens:Enabled", "false");
        builder.UseSetting("ConnectionStrings:cache", cache);
    }
}
