// YeKuo AppHost: runs the whole system locally (RabbitMQ, Redis, five department services, the gateway, the web front end
// at the gateway's address).
// Options: --gateway-port N (env YEKUO_GATEWAY_PORT, default 5080), --state-dir DIR (default <repo>/.yekuo),
// --only a,b (run these resources and what they need), --environment NAME, --otlp-endpoint URL, -c Debug|Release.
using YeKuo.AppHost;
using YeKuo.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddYeKuo();
var app = builder.Build();
if (app.Resources.Any(r => r.Name == "web") && app.Resources.Any(r => r.Name == "gateway"))
{
    // Browsers use the web front end through the gateway (its catch-all route), never the web app's own port.
    Console.WriteLine($"[apphost] web front end: {app.GetEndpoint("gateway")} (sign in at /signin)");
}
app.Run();
