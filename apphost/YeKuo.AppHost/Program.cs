// The YeKuo system as one Aspire graph: the broker and the cache from Debian's binaries, the five department services
// (each with its own database), the gateway in front of them and the web front end behind the gateway.
// Settings (command line --YeKuo:Key=value, or env YeKuo__Key): GatewayPort (default 5080; 0 = any free port),
// StateDirectory (default <repo>/.yekuo), Ephemeral (true: throw-away state, no management UI, no Prometheus; tests).
using YeKuo.AppHost;
using YeKuo.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
var settings = LocalSettings.From(builder);

var messaging = builder.AddRabbitMQNode("messaging", settings);
var cache = builder.AddRedisServer("cache", settings);
var signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true);

var acceptance = builder.AddDepartment<Projects.YeKuo_Acceptance>("acceptance", messaging, cache, signingKey, settings);
// Local runs and tests live on the real clock and cannot wait for Wednesday's 方案审查会: allow recording its decision
// early (never set in production).
var supplyScheme = builder.AddDepartment<Projects.YeKuo_SupplyScheme>("supplyscheme", messaging, cache, signingKey, settings)
    .WithLocalOnlyEnvironment("SchemeReview__AllowDecisionBeforeMeeting", "true");
var inspection = builder.AddDepartment<Projects.YeKuo_Inspection>("inspection", messaging, cache, signingKey, settings);
var metering = builder.AddDepartment<Projects.YeKuo_Metering>("metering", messaging, cache, signingKey, settings);
// Local runs and tests point webhooks at receivers on this machine (never allowed by default).
var notification = builder.AddDepartment<Projects.YeKuo_Notification>("notification", messaging, cache, signingKey, settings)
    .WithLocalOnlyEnvironment("Notification__Webhooks__AllowLoopback", "true");

// The one front door, on a fixed port; it finds each service through service discovery (services__<name>__http__0) and
// hosts the development token issuer (POST /auth/dev-token, refused in Production).
var gateway = builder.AddHost<Projects.YeKuo_Gateway>("gateway", settings.GatewayPort)
    .WithLocalTokens(signingKey)
    .WithLocalOnlyEnvironment("DevTokens__Enabled", "true")
    .WithReference(acceptance).WaitFor(acceptance)
    .WithReference(supplyScheme).WaitFor(supplyScheme)
    .WithReference(inspection).WaitFor(inspection)
    .WithReference(metering).WaitFor(metering)
    .WithReference(notification).WaitFor(notification)
    // One click from the dashboard to every service's API (the gateway's Scalar page lists each OpenAPI document).
    .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/scalar", DisplayText = "API reference (Scalar)" });

// The web front end: browsers reach it through the gateway (its catch-all route) and it calls every API through the
// gateway with the signed-in user's token; its development sign-in asks the gateway's token issuer.
var web = builder.AddHost<Projects.YeKuo_Web>("web")
    .WithReference(gateway)
    .WithLocalOnlyEnvironment("DevSignIn__Enabled", "true");
gateway.WithReference(web);

// Optional: a private Prometheus (if Debian's package is installed) scraping every service's /metrics.
builder.AddPrometheusIfInstalled("prometheus", settings, signingKey, acceptance, supplyScheme, inspection, metering, notification, gateway);

// Once everything is healthy: the gateway, web, dashboard (with its login link) and broker addresses, one line each.
builder.PrintAddressesWhenReady(gateway, web, messaging);

builder.Build().Run();
