using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>An identity of the role matrix: a role (null: no token) and, for staff and heads, a department.</summary>
public sealed record Identity(string Subject, string? Role, string? Department = null)
{
    public override string ToString() => Role is null ? "(no token)" : Department is null ? $"{Role}" : $"{Role}:{Department}";

    public static readonly Identity Anonymous = new("anonymous", null);

    /// <summary>Every role, staff and heads of every department.</summary>
    public static readonly IReadOnlyList<Identity> All =
    [
        new("customer-matrix", "customer"),
        new("clerk-matrix", "clerk"),
        new("manager-matrix", "manager"),
        new("platform-matrix", "platform"),
        new("partner-matrix", "partner"),
        new("admin-matrix", "admin"),
        .. new[] { "Acceptance", "SupplyScheme", "Inspection", "Metering", "Notification" }
            .SelectMany(d => new[] { new Identity($"staff-{d.ToLowerInvariant()}-matrix", "staff", d), new Identity($"head-{d.ToLowerInvariant()}-matrix", "head", d) }),
    ];
}

/// <summary>Plain HTTP clients with explicit tokens (no default identity), to the gateway or to a service directly.</summary>
public static class SecurityClients
{
    public static async Task<HttpClient> ClientAsync(GatewayClient gateway, Identity identity, Uri? address = null)
    {
        var client = new HttpClient { BaseAddress = address ?? gateway.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (identity.Role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.TokenAsync(identity.Subject, identity.Role, identity.Department));
        }
        return client;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null || method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(body ?? new { });
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
