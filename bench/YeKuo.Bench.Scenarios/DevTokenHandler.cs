using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.SupplyScheme.Extensions;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// Authentication for the bench (added by the security work): the actors name who acts with <c>X-User</c> as before; this
/// handler swaps that header for a bearer token from the gateway's development issuer (<c>POST /auth/dev-token</c>),
/// cached per identity. The role comes from the name: chaos customers (<c>chaos-…</c>) are customers, the 方案审查会
/// is the SupplyScheme head, anyone else is staff of the department whose API is called; no <c>X-User</c> is an admin.
/// </summary>
public sealed class DevTokenHandler(Uri gateway) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly HttpClient _issuer = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    public DevTokenHandler(Uri gateway, HttpMessageHandler inner) : this(gateway) => InnerHandler = inner;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var user = request.Headers.TryGetValues("X-User", out var values) ? values.FirstOrDefault() : null;
            request.Headers.Remove("X-User");
            var (subject, role, department) = IdentityOf(user, request.RequestUri?.OriginalString ?? "");
            var token = await _tokens.GetOrAdd($"{subject}|{role}|{department}", _ => IssueAsync(subject, role, department)).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static (string Subject, string Role, string? Department) IdentityOf(string? user, string path)
    {
        if (user is null) return ("chaos-operator", "admin", null);
        if (user.StartsWith("chaos-", StringComparison.Ordinal)) return (user, "customer", null);
        if (user == "scheme-review-meeting") return (user, "head", "SupplyScheme");
        // Named reviewers: each reviewing department's opinion comes from its own staff, as SupplyScheme maps them by default.
        if (user.StartsWith("reviewer-", StringComparison.Ordinal))
        {
            return (user, "staff", new SchemeReviewOptions().ReviewerDepartmentOf(user["reviewer-".Length..]));
        }
        var department = path.Contains("/api/supply-scheme") ? "SupplyScheme"
            : path.Contains("/api/inspection") ? "Inspection"
            : path.Contains("/api/metering") ? "Metering"
            : path.Contains("/api/notifications") ? "Notification"
            : "Acceptance";
        return (user, "staff", department);
    }

    private async Task<string> IssueAsync(string subject, string role, string? department)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await _issuer.PostAsJsonAsync("/auth/dev-token", new { subject, role, department }).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("accessToken").GetString()!;
                }
                if (response.StatusCode != HttpStatusCode.TooManyRequests && attempt > 3)
                {
                    throw new InvalidOperationException($"dev-token for {subject}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                }
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                // The gateway is being restarted by the chaos; try again.
            }
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _issuer.Dispose();
        base.Dispose(disposing);
    }
}
