using System.Net;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>
/// Every role × every endpoint, through the gateway (and straight to the services for <c>/metrics</c> and <c>/admin/*</c>,
/// which the gateway does not route): allowed means neither 401 nor 403 (nor a 5xx); denied is 401 without a token and
/// 403 with a token of the wrong role. The table below is the matrix of docs/security.md.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RoleMatrixTests(SystemFixture system)
{
    public sealed record Endpoint(string Method, string Path, Func<Identity, bool> Allowed, string? Service = null)
    {
        public bool IsPublic => Allowed(Identity.Anonymous);

        public override string ToString() => $"{Method} {(Service is null ? "" : Service + ":")}{Path}";
    }

    private static readonly string Id = Guid.NewGuid().ToString();

    private static bool Anyone(Identity i) => true;

    private static Func<Identity, bool> Roles(params string[] roles) => i => i.Role == "admin" || (i.Role is not null && roles.Contains(i.Role));

    private static Func<Identity, bool> StaffOf(string department) => i =>
        i.Role == "admin" || (i.Role is "staff" or "head" && i.Department == department) || (department == "Acceptance" && i.Role == "clerk");

    /// <summary>Where customers hold work items: their own customer steps, and counter clerks acting for them (ownership per item).</summary>
    private static Func<Identity, bool> StaffOrCustomerOf(string department) => i => StaffOf(department)(i) || i.Role is "customer" or "clerk";

    private static Func<Identity, bool> HeadOf(string department) => i => i.Role == "admin" || (i.Role == "head" && i.Department == department);

    private static readonly Func<Identity, bool> CustomerOrStaff = Roles("customer", "clerk", "staff", "head", "manager");
    private static readonly Func<Identity, bool> Staff = Roles("clerk", "staff", "head", "manager");

    private static IEnumerable<Endpoint> WorkItems(string prefix, string department, bool customersHoldWork = false)
    {
        var read = customersHoldWork ? StaffOrCustomerOf(department) : StaffOf(department);
        yield return new("GET", $"{prefix}/work-items", read);
        yield return new("GET", $"{prefix}/work-items/{Id}", read);
        yield return new("POST", $"{prefix}/work-items/{Id}/claim", StaffOf(department));
        yield return new("POST", $"{prefix}/work-items/{Id}/reassign", HeadOf(department));
        yield return new("POST", $"{prefix}/work-items/{Id}/pause", StaffOf(department));
        yield return new("POST", $"{prefix}/work-items/{Id}/resume", StaffOf(department));
        yield return new("POST", $"{prefix}/work-items/{Id}/complete", read);
    }

    public static IEnumerable<Endpoint> Matrix()
    {
        // 受理 (acceptance)
        yield return new("POST", "/api/applications", Roles("customer", "clerk"));
        yield return new("GET", "/api/applications", CustomerOrStaff);
        yield return new("GET", $"/api/applications/{Id}", CustomerOrStaff);
        yield return new("POST", $"/api/applications/{Id}/withdraw", Roles("customer"));
        yield return new("POST", $"/api/applications/{Id}/temporary-supply/ending", CustomerOrStaff);
        yield return new("POST", $"/api/applications/work-items/{Id}/reject", StaffOf("Acceptance"));
        yield return new("GET", $"/api/applications/{Id}/progress", CustomerOrStaff);
        yield return new("GET", $"/api/applications/{Id}/deviation", Roles("customer", "clerk", "staff", "head", "manager", "platform"));
        yield return new("GET", $"/api/applications/{Id}/network", Roles("customer", "clerk", "staff", "head", "manager", "platform"));
        yield return new("GET", "/api/applications/managers/manager-matrix/worklist", Roles("manager", "head"));
        foreach (var endpoint in WorkItems("/api/applications", "Acceptance"))
        {
            yield return endpoint;
        }
        yield return new("GET", "/api/reports/performance", Roles("platform"));
        yield return new("GET", "/api/reports/responsible", Roles("platform"));
        yield return new("GET", "/api/customers", Roles("manager", "head"));
        yield return new("GET", "/api/customers/cust-1/manager", Roles("manager", "head"));
        yield return new("PUT", "/api/customers/cust-1/manager", HeadOf("Acceptance"));
        yield return new("GET", "/api/reports/handoffs", Roles("platform"));
        yield return new("GET", "/api/reports/costs", Roles("platform"));
        yield return new("GET", $"/api/applications/{Id}/charges", CustomerOrStaff);
        yield return new("GET", "/api/reports/bottlenecks", Roles("platform"));
        yield return new("GET", "/api/reports/getting-electricity", Roles("platform"));
        yield return new("GET", "/api/reports/power-on-forecasts", Roles("platform"));
        yield return new("GET", "/api/calendar/2026", Anyone);
        yield return new("GET", "/api/calendar/working-days/add?from=2026-03-02&days=3", Anyone);
        yield return new("GET", "/api/policies/time-limits", Anyone);

        // 供电方案 (supplyscheme): the customer's 客户确认方案 lives in its worklist.
        foreach (var endpoint in WorkItems("/api/supply-scheme", "SupplyScheme", customersHoldWork: true))
        {
            yield return endpoint;
        }
        yield return new("POST", $"/api/supply-scheme/work-items/{Id}/draft", StaffOf("SupplyScheme"));
        yield return new("GET", $"/api/supply-scheme/work-items/{Id}/scheme", StaffOf("SupplyScheme"));
        // Every department's staff read the reviews and give their own department's opinion (checked per opinion).
        yield return new("GET", "/api/supply-scheme/reviews", Roles("staff", "head"));
        yield return new("GET", "/api/supply-scheme/reviews/mine", Roles("staff", "head"));
        yield return new("GET", $"/api/supply-scheme/reviews/{Id}", Roles("staff", "head"));
        yield return new("POST", $"/api/supply-scheme/reviews/{Id}/opinions", Roles("staff", "head"));
        yield return new("POST", $"/api/supply-scheme/reviews/{Id}/meeting-decision", HeadOf("SupplyScheme"));
        yield return new("GET", "/api/supply-scheme/meetings/2026-03-04", StaffOf("SupplyScheme"));
        yield return new("GET", $"/api/supply-scheme/applications/{Id}/charges", CustomerOrStaff);
        yield return new("POST", $"/api/supply-scheme/applications/{Id}/charges/payments", Roles("customer", "clerk"));
        yield return new("POST", $"/api/supply-scheme/applications/{Id}/charges", StaffOf("SupplyScheme"));

        // 工程检查 (the customer's requests that open the inspections live in its worklist), 计量接电
        foreach (var endpoint in WorkItems("/api/inspection", "Inspection", customersHoldWork: true).Concat(WorkItems("/api/metering", "Metering")))
        {
            yield return endpoint;
        }

        // 通知 (notification)
        yield return new("GET", "/api/notifications?customerId=someone", CustomerOrStaff);
        yield return new("GET", $"/api/notifications/{Id}", CustomerOrStaff);
        yield return new("POST", $"/api/notifications/{Id}/read", Roles("customer"));
        yield return new("GET", "/api/notifications/staff", Staff);
        yield return new("GET", $"/api/notifications/staff/{Id}", Staff);
        yield return new("POST", $"/api/notifications/staff/{Id}/read", Staff);
        yield return new("POST", $"/api/notifications/staff/{Id}/handle", Staff);
        yield return new("GET", "/api/notifications/follow-ups", CustomerOrStaff);
        yield return new("GET", $"/api/notifications/follow-ups/{Id}", CustomerOrStaff);
        yield return new("POST", $"/api/notifications/follow-ups/{Id}/rating", Roles("customer"));
        yield return new("POST", $"/api/notifications/follow-ups/{Id}/visit", StaffOf("Notification"));
        yield return new("POST", "/api/notifications/complaints", Roles("customer"));
        yield return new("GET", $"/api/notifications/complaints?applicationId={Id}", CustomerOrStaff);
        yield return new("GET", $"/api/notifications/complaints/{Id}", CustomerOrStaff);
        // Acting on a complaint: staff by role here; the complaint's owner department is checked per complaint (403).
        yield return new("GET", $"/api/notifications/complaints/{Id}/actions", Staff);
        foreach (var action in new[] { "claim", "reassign", "reply", "close" })
        {
            yield return new("POST", $"/api/notifications/complaints/{Id}/{action}", Staff);
        }
        yield return new("GET", "/api/notifications/complaints/supervision", Roles("platform"));
        yield return new("POST", "/api/notifications/webhooks", Roles("partner"));
        yield return new("GET", "/api/notifications/webhooks", Roles("partner"));
        yield return new("DELETE", $"/api/notifications/webhooks/{Id}", Roles("partner"));
        yield return new("GET", $"/api/notifications/webhooks/{Id}/deliveries", Roles("partner"));

        // Every host: health is public, metrics are the platform's, operations the admins'.
        foreach (var service in new[] { "acceptance", "supplyscheme", "inspection", "metering", "notification" })
        {
            yield return new("GET", "/health", Anyone, service);
            yield return new("GET", "/alive", Anyone, service);
            yield return new("GET", "/metrics", Roles("platform"), service);
            yield return new("GET", "/admin/messaging/error-queues", Roles(), service);
            yield return new("POST", "/admin/messaging/error-queues/nobodys-queue_error/replay", Roles(), service);
            yield return new("GET", "/admin/audit", Roles(), service);
        }
        yield return new("GET", "/health", Anyone, "gateway");
        yield return new("GET", "/metrics", Roles("platform"), "gateway");
    }

    [Fact]
    public async Task Every_role_gets_exactly_what_the_matrix_allows_on_every_endpoint()
    {
        var gateway = system.Gateway;
        var identities = Identity.All.Prepend(Identity.Anonymous).ToArray();
        var clients = new Dictionary<(Identity, string?), HttpClient>();
        var failures = new List<string>();
        var checkedCount = 0;
        try
        {
            foreach (var endpoint in Matrix())
            {
                foreach (var identity in identities)
                {
                    if (!clients.TryGetValue((identity, endpoint.Service), out var client))
                    {
                        client = await SecurityClients.ClientAsync(gateway, identity, endpoint.Service is null ? null : system.App.GetEndpoint(endpoint.Service));
                        clients[(identity, endpoint.Service)] = client;
                    }
                    using var response = await SecurityClients.SendAsync(client, new HttpMethod(endpoint.Method), endpoint.Path);
                    var status = (int)response.StatusCode;
                    checkedCount++;
                    var expected = endpoint.Allowed(identity)
                        ? "allowed"
                        : identity.Role is null ? "401" : "403";
                    var ok = expected switch
                    {
                        "allowed" => status is not (401 or 403) && status < 500,
                        "401" => status == 401,
                        _ => status == 403,
                    };
                    if (!ok)
                    {
                        failures.Add($"{endpoint} as {identity}: expected {expected}, got {status} {Excerpt(await response.Content.ReadAsStringAsync())}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(checkedCount > 1000, $"Only {checkedCount} checks ran.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} checks failed:\n{string.Join("\n", failures)}");
    }

    private static string Excerpt(string body) => body.Length <= 160 ? body : body[..160] + "…";
}
