using YeKuo.Gateway;
using YeKuo.Gateway.Security;
using YeKuo.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
// Tokens are validated here (401 before anything is proxied) and again by every service (403/404 by role and owner).
builder.AddDefaultSecurity();
var devTokens = DevTokenIssuer.IsEnabled(builder);
builder.AddTokenRevocation();
builder.Services.AddGatewayRateLimits(builder.Configuration);
var (routes, clusters) = GatewayRoutes.Build(builder.Configuration);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver()
    .ConfigureForwarderConnections(builder.Configuration).ForwardServerSpanContext();

var app = builder.Build();
app.UseTrustedForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<RequestIdMiddleware>();
app.MapDefaultEndpoints();
// Its own document and, in the reference UI, every service's (proxied by the routes of GatewayRoutes).
app.MapDefaultOpenApi(GatewayRoutes.Services);
app.UseRateLimiter();
app.MapSignOut();
if (devTokens)
{
    app.MapDevTokenIssuer().RequireRateLimiting(GatewayRateLimits.Public);
}
foreach (var reserved in GatewayRoutes.ReservedPrefixes)
{
    // Needs a token like any non-public route; then nothing is there.
    app.Map(reserved + "/{**rest}", () => Results.NotFound()).ExcludeFromDescription();
}
app.MapReverseProxy(proxy => proxy.UseForwarderProblemDetails());
app.Run();

public partial class Program;
