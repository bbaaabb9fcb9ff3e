using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Deploy.Tests.Hosts;

namespace YeKuo.Deploy.Tests;

/// <summary>
/// The API contracts a department or partner reads: every host that maps an API serves an OpenAPI document with every
/// endpoint it maps (from its own EndpointDataSource), the ProblemDetails answers and the bearer scheme; the gateway
/// serves each service's document unchanged; every host answers the health endpoints its image declares.
/// </summary>
public sealed class OpenApiTests(RunningHosts hosts) : IClassFixture<RunningHosts>
{
    private const string DocumentPath = "/openapi/v1.json";

    [Fact]
    public async Task Every_endpoint_a_host_maps_is_in_its_OpenAPI_document_with_its_methods()
    {
        var described = 0;
        foreach (var host in hosts.All)
        {
            var endpoints = ApiEndpointsOf(host);
            if (endpoints.Count == 0)
            {
                continue;
            }
            var document = await DocumentAsync(host.Http, DocumentPath);
            var paths = document["paths"]!.AsObject();
            var missing = endpoints
                .Where(e => paths[e.Path]?[e.Method.ToLowerInvariant()] is null)
                .Select(e => $"{e.Method} {e.Path}")
                .ToList();
            Assert.True(missing.Count == 0, $"{host.Project.Name}'s document lacks: {string.Join(", ", missing)}");
            described += endpoints.Count;
        }
        // Every department service has an API: nothing passes by describing nothing.
        Assert.True(hosts.All.Count(h => ApiEndpointsOf(h).Count > 0) >= 5, "Fewer hosts with an API than the five department services.");
        Assert.True(described > 50, $"Only {described} endpoints described.");
    }

    [Fact]
    public async Task Every_operation_answers_errors_as_ProblemDetails_and_names_the_bearer_scheme_where_a_token_is_needed()
    {
        foreach (var host in hosts.All.Where(h => ApiEndpointsOf(h).Count > 0))
        {
            var document = await DocumentAsync(host.Http, DocumentPath);
            var scheme = document["components"]?["securitySchemes"]?["Bearer"];
            Assert.Equal("http", (string?)scheme?["type"]);
            Assert.Equal("bearer", (string?)scheme?["scheme"]);
            Assert.Equal("JWT", (string?)scheme?["bearerFormat"]);
            Assert.NotNull(document["components"]?["schemas"]?["ProblemDetails"]);
            // A validation problem (400) is what an operation with parameters or a body can answer; a host whose
            // operations take neither (the gateway's sign-out) has no use for its schema.
            var takesInput = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
                .Any(o => o.Value is JsonObject op && (op.ContainsKey("parameters") || op.ContainsKey("requestBody")));
            if (takesInput)
            {
                Assert.NotNull(document["components"]?["schemas"]?["HttpValidationProblemDetails"]);
            }

            var anonymous = ApiEndpointsOf(host).Where(e => e.Anonymous).Select(e => (e.Path, e.Method.ToLowerInvariant())).ToHashSet();
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject().Where(o => o.Value is JsonObject { } op && op.ContainsKey("responses")))
                {
                    var responses = operation!["responses"]!.AsObject();
                    Assert.True(ProblemJsonOf(responses, "500") is not null, $"{host.Project.Name} {method} {path}: no ProblemDetails for 500.");
                    if (anonymous.Contains((path, method)))
                    {
                        Assert.Null(operation["security"]);
                        continue;
                    }
                    Assert.True(ProblemJsonOf(responses, "401") is not null, $"{host.Project.Name} {method} {path}: no 401 ProblemDetails.");
                    Assert.True(ProblemJsonOf(responses, "403") is not null, $"{host.Project.Name} {method} {path}: no 403 ProblemDetails.");
                    Assert.NotNull(operation["security"]?[0]?["Bearer"]);
                }
            }
        }
    }

    [Fact]
    public async Task The_gateway_serves_each_service_document_as_the_service_does()
    {
        var gateway = hosts.All.Single(h => h.Project.Name == "gateway");
        var proxied = 0;
        foreach (var service in hosts.All.Where(h => h != gateway && ApiEndpointsOf(h).Count > 0))
        {
            var direct = await DocumentAsync(service.Http, DocumentPath);
            var throughGateway = await DocumentAsync(gateway.Http, $"/openapi/{service.Project.Name}.json");
            Assert.True(JsonNode.DeepEquals(direct, throughGateway), $"{service.Project.Name}'s document differs through the gateway.");
            proxied++;
        }
        Assert.Equal(5, proxied);
    }

    [Fact]
    public async Task The_API_reference_UI_is_served_in_Development_and_lists_every_service_at_the_gateway()
    {
        var gateway = hosts.Named("gateway");
        using var response = await gateway.Http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var service in hosts.All.Where(h => h != gateway && ApiEndpointsOf(h).Count > 0))
        {
            Assert.Contains($"{service.Project.Name}", page);
        }
    }

    [Fact]
    public async Task Every_host_answers_the_health_endpoints_its_image_declares()
    {
        foreach (var host in hosts.All)
        {
            using var alive = await host.Http.GetAsync(host.Project.LivenessPath);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            using var health = await host.Http.GetAsync(host.Project.ReadinessPath);
            // Ready or not (a broker that is not there degrades a service), the endpoint is there and reports checks.
            Assert.Contains(health.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        }
    }

    private sealed record ApiEndpoint(string Method, string Path, bool Anonymous);

    /// <summary>The host's API: route-handler endpoints (minimal APIs) not explicitly excluded from description.</summary>
    private static IReadOnlyList<ApiEndpoint> ApiEndpointsOf(RunningHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(m => new ApiEndpoint(m, OpenApiPathOf(e.RoutePattern), e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)))
            .ToList();

    /// <summary><c>/api/applications/{id:guid}</c> → <c>/api/applications/{id}</c>, as OpenAPI writes paths.</summary>
    private static string OpenApiPathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));

    private static JsonNode? ProblemJsonOf(JsonObject responses, string status) =>
        responses[status]?["content"]?["application/problem+json"]?["schema"];

    private static async Task<JsonNode> DocumentAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{http.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
