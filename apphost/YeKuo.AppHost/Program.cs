// YeKuo AppHost: the local topology, declared the way an Aspire AppHost declares it.
// Options: --gateway-port N (env YEKUO_GATEWAY_PORT, default 5080), --state-dir DIR (default <repo>/.yekuo),
// --only a,b (run these resources and what they need), --environment NAME, --otlp-endpoint URL, -c Debug|Release.
using YeKuo.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin();
var cache = builder.AddRedis("cache").WithPersistence();

var acceptanceDb = builder.AddSqlite("acceptancedb");
var supplySchemeDb = builder.AddSqlite("supplyschemedb");
var inspectionDb = builder.AddSqlite("inspectiondb");
var meteringDb = builder.AddSqlite("meteringdb");
var notificationDb = builder.AddSqlite("notificationdb");

var acceptance = builder.AddProject("acceptance", "services/YeKuo.Acceptance/YeKuo.Acceptance.csproj")
    .WithReference(messaging).WithReference(cache).WithReference(acceptanceDb)
    .WaitFor(messaging).WaitFor(cache);

var supplyScheme = builder.AddProject("supplyscheme", "services/YeKuo.SupplyScheme/YeKuo.SupplyScheme.csproj")
    .WithReference(messaging).WithReference(cache).WithReference(supplySchemeDb)
    .WaitFor(messaging).WaitFor(cache);

var inspection = builder.AddProject("inspection", "services/YeKuo.Inspection/YeKuo.Inspection.csproj")
    .WithReference(messaging).WithReference(cache).WithReference(inspectionDb)
    .WaitFor(messaging).WaitFor(cache);

var metering = builder.AddProject("metering", "services/YeKuo.Metering/YeKuo.Metering.csproj")
    .WithReference(messaging).WithReference(cache).WithReference(meteringDb)
    .WaitFor(messaging).WaitFor(cache);

var notification = builder.AddProject("notification", "services/YeKuo.Notification/YeKuo.Notification.csproj")
    .WithReference(messaging).WithReference(cache).WithReference(notificationDb)
    .WaitFor(messaging).WaitFor(cache);

builder.AddProject("gateway", "gateway/YeKuo.Gateway/YeKuo.Gateway.csproj")
    .WithReference(acceptance).WithReference(supplyScheme).WithReference(inspection).WithReference(metering).WithReference(notification)
    .WaitFor(acceptance).WaitFor(supplyScheme).WaitFor(inspection).WaitFor(metering).WaitFor(notification)
    .WithHttpEndpoint(port: builder.Options.GatewayPort ?? 5080);

builder.Build().Run();
