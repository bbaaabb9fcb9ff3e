using YeKuo.ServiceDefaults.Validation;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Audit;

/// <summary>
/// <c>GET /admin/audit?from=&amp;to=&amp;subject=&amp;targetId=&amp;requestId=&amp;page=&amp;pageSize=</c>: this service's audit
/// trail, newest first, paged. <c>targetId</c> matches the resource or its application.
/// </summary>
public static class AuditApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditEntry> Items);

    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/audit", Query).WithTags("Audit");

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> Query(
        HttpContext http, ServiceDatabase database, string? from, string? to, string? subject, string? targetId, string? requestId,
        string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fromAt = QueryValues.Instant(from, "from", errors);
        var toAt = QueryValues.Instant(to, "to", errors);
        if (fromAt > toAt)
        {
            errors["to"] = ["to must not be before from."];
        }
        Guid? target = null;
        if (!string.IsNullOrEmpty(targetId))
        {
            if (Guid.TryParse(targetId, out var parsed))
            {
                target = parsed;
            }
            else
            {
                errors["targetId"] = ["targetId must be a GUID."];
            }
        }
        if (subject is { Length: > 64 })
        {
            errors["subject"] = ["subject must be at most 64 characters."];
        }
        if (requestId is { Length: > 128 })
        {
            errors["requestId"] = ["requestId must be at most 128 characters."];
        }
        var pageNumber = Number(page, "page", 1, 1, int.MaxValue / MaxPageSize, errors);
        var size = Number(pageSize, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit query is not valid.");
        }

        var db = (ServiceDbContext)http.RequestServices.GetRequiredService(database.ContextType);
        var query = db.AuditEntries.AsNoTracking();
        if (fromAt is { } f)
        {
            query = query.Where(e => e.OccurredAt >= f);
        }
        if (toAt is { } t)
        {
            query = query.Where(e => e.OccurredAt <= t);
        }
        if (!string.IsNullOrEmpty(subject))
        {
            query = query.Where(e => e.Subject == subject);
        }
        if (target is { } id)
        {
            query = query.Where(e => e.TargetId == id || e.ApplicationId == id);
        }
        if (!string.IsNullOrEmpty(requestId))
        {
            query = query.Where(e => e.RequestId == requestId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Skip((pageNumber - 1) * size)
            .Take(size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(pageNumber, size, total, items));
    }

    private static int Number(string? text, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[field] = [$"{field} must be a whole number from {min} to {max}."];
        return fallback;
    }
}
