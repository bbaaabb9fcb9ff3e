using Yarp.ReverseProxy.Configuration;
using YeKuo.Contracts;

namespace YeKuo.Gateway;

/// <summary>
/// Which path prefix goes to which service. Destinations are service names (<c>http://acceptance</c>) that Aspire's service
/// discovery resolves from <c>services__{name}__http__0</c> (injected by the AppHost's references, or set by a deployment),
/// so no address is written here.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>
    /// Path prefix → service name: each department's API where the department catalogue puts it, and what else Acceptance
    /// serves (reference data, reports, customer records).
    /// </summary>
    public static readonly IReadOnlyList<(string Prefix, string Service)> Table =
    [
        .. DepartmentCatalogue.Services.Select(d => (d.ApiPrefix!, d.Service!)),
        .. AcceptanceApis.All.Select(prefix => (prefix, DepartmentCatalogue.Of(Department.Acceptance).Service!)),
    ];

    /// <summary>
    /// The web front end (<c>services__web__http__0</c>, when configured): every path no API route takes, including
    /// Blazor's <c>/_blazor</c> websocket and static assets. The web app signs its users in itself (cookie), so the
    /// gateway lets its requests through anonymously; the APIs it calls still need the user's token.
    /// </summary>
    public const string WebService = "web";

    /// <summary>Public reference data: no token needed, rate-limited per client.</summary>
    public static readonly IReadOnlySet<string> PublicPrefixes = AcceptanceApis.Public.ToHashSet();

    /// <summary>Every other route needs a valid token at the gateway; the service then applies the endpoint's policy.</summary>
    private static (string? Authorization, string? RateLimit) SecurityOf(string prefix) =>
        PublicPrefixes.Contains(prefix) ? ("anonymous", Security.GatewayRateLimits.Public) : (YeKuo.ServiceDefaults.Security.Policies.Authenticated, null);

    /// <summary>The services behind the gateway, each once.</summary>
    public static IEnumerable<string> Services => Table.Select(t => t.Service).Distinct();

    /// <summary>
    /// Each service's OpenAPI document at <c>/openapi/{service}.json</c> (the service's own <c>/openapi/v1.json</c>), for
    /// anyone, rate-limited like the other public routes; the gateway's API reference UI lists them (Development).
    /// </summary>
    public static string DocumentPathOf(string service) => OpenApiExtensions.DocumentPath.Replace("{documentName}", service);

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IConfiguration configuration)
    {
        var clusters = Services
            .Select(service => new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service] = new() { Address = AddressOf(configuration, service) },
                },
            })
            .ToArray();

        var routes = Table
            .Select(t => new RouteConfig
            {
                RouteId = $"{t.Service}{t.Prefix.Replace('/', '-')}",
                ClusterId = t.Service,
                Match = new RouteMatch { Path = $"{t.Prefix}/{{**rest}}" },
                AuthorizationPolicy = SecurityOf(t.Prefix).Authorization,
                RateLimiterPolicy = SecurityOf(t.Prefix).RateLimit,
            })
            .Concat(Table.Select(t => new RouteConfig
            {
                RouteId = $"{t.Service}{t.Prefix.Replace('/', '-')}-root",
                ClusterId = t.Service,
                Match = new RouteMatch { Path = t.Prefix },
                AuthorizationPolicy = SecurityOf(t.Prefix).Authorization,
                RateLimiterPolicy = SecurityOf(t.Prefix).RateLimit,
            }))
            .Concat(Services.Select(service => new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = DocumentPathOf(service) },
                AuthorizationPolicy = "anonymous",
                RateLimiterPolicy = Security.GatewayRateLimits.Public,
                Transforms = [new Dictionary<string, string> { ["PathSet"] = OpenApiExtensions.DocumentPath.Replace("{documentName}", OpenApiExtensions.DocumentName) }],
            }))
            .ToArray();

        if (IsConfigured(configuration, WebService))
        {
            var web = AddressOf(configuration, WebService);
            clusters = [.. clusters, new ClusterConfig
            {
                ClusterId = WebService,
                Destinations = new Dictionary<string, DestinationConfig> { [WebService] = new() { Address = web } },
            }];
            routes = [.. routes, new RouteConfig
            {
                RouteId = "web-catch-all",
                ClusterId = WebService,
                // Last resort: every API prefix above (and the gateway's own endpoints) win over it.
                Order = int.MaxValue,
                Match = new RouteMatch { Path = "/{**catch-all}" },
                AuthorizationPolicy = "anonymous",
                // The web app builds its redirects and links from the host the browser used (the gateway's).
                Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
            }];
        }
        return (routes, clusters);
    }

    /// <summary>
    /// Unknown paths under these prefixes stay the gateway's (401 without a token, else 404) instead of reaching the web
    /// app's catch-all: APIs and operations are never answered by a page.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedPrefixes = ["/api", "/admin", "/auth"];

    private static bool IsConfigured(IConfiguration configuration, string service) =>
        configuration.GetSection($"services:{service}").GetChildren().Any();

    /// <summary>The logical address service discovery resolves (<c>https+http://</c>: https when the service has it).</summary>
    private static string AddressOf(IConfiguration configuration, string service) => IsConfigured(configuration, service)
        ? $"https+http://{service}"
        : throw new InvalidOperationException($"services__{service}__http__0 is not set: the gateway does not know where {service} runs.");
}
