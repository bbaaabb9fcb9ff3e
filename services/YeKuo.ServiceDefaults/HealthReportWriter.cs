using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using YeKuo.ServiceDefaults.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes the health report as JSON. Anyone (load balancers, Aspire, Kubernetes probes) gets the overall status, and the
/// status code says the same (503 when unhealthy); only an admin's token also gets each check ("degraded because the
/// broker is down"), since the list of dependencies and their state tells an outsider what to attack.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // No caching proxy may hand an admin's answer to someone else.
        context.Response.Headers.CacheControl = "no-store";
        object body = context.User.IsInRole(Roles.Admin)
            ? new
            {
                status = report.Status.ToString(),
                totalDurationMs = report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
