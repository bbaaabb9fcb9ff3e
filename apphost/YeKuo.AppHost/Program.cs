// YeKuo AppHost: runs the whole system locally (RabbitMQ, Redis, five department services, the gateway, the web front end
// at the gateway's address).
// Options: --gateway-port N (env YEKUO_GATEWAY_PORT, default 5080), --state-dir DIR (default <repo>/.yekuo),
// --only a,b (run these resources and what they need), --environment NAME, --otlp-endpoint URL, -c Debug|Release.
using YeKuo.AppHost;
using YeKuo.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddYeKuo();
builder.Build().Run();
