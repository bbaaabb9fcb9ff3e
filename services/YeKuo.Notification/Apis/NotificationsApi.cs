using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Notification.Domain;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.Apis;

/// <summary>
/// The customer's notice inbox (客户通知). The handlers decide nothing about identity: they answer for exactly what
/// the query names, and the group is returned so that authentication and ownership policies can be attached to it.
/// </summary>
public static class NotificationsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        // Customers read their own notices (others' answer 404), 客户经理 their own customers', staff any; only the
        // customer marks their notice read.
        var api = app.MapGroup(DepartmentCatalogue.ApiPrefixOf(Department.Notification)).WithTags("Notifications").RequireAuthorization(Policies.CustomerOrStaff);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("/{id:guid}/read", MarkRead).RequireAuthorization(Policies.Customer);
        return api;
    }

    /// <summary>An application's or a customer's notices (or both filters together), newest first.</summary>
    public static async Task<Results<Ok<NoticeDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, HttpContext http, Guid? applicationId, string? customerId, int? limit, CancellationToken cancellationToken)
    {
        if (UserAccess.IsCustomer(http.User))
        {
            customerId = UserAccess.SubjectOf(http.User);
        }
        if (applicationId is null && string.IsNullOrWhiteSpace(customerId))
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is required.",
                "Name the notices to list with applicationId, customerId or both.");
        }
        if (customerId is { Length: > 64 })
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid customerId.", "customerId is at most 64 characters.");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", $"limit must be between 1 and {MaxLimit}.");
        }

        IQueryable<Notice> query = db.Notices.AsNoTracking();
        if (applicationId is { } id)
        {
            query = query.Where(n => n.ApplicationId == id);
        }
        if (!string.IsNullOrWhiteSpace(customerId))
        {
            query = query.Where(n => n.CustomerId == customerId);
        }
        if (UserAccess.IsManagerOnly(http.User))
        {
            var managed = NotificationAccess.ManagedBy(db, http.User);
            query = query.Where(n => managed.Contains(n.ApplicationId));
        }

        var notices = await query
            .OrderByDescending(n => n.CreatedAt)
            .ThenByDescending(n => n.Id)
            .Take(limit ?? DefaultLimit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(notices.Select(NoticeDto.From).ToArray());
    }

    public static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken) is { } notice
            && await NotificationAccess.CanSeeAsync(db, http.User, notice.ApplicationId, notice.CustomerId, cancellationToken)
            ? TypedResults.Ok(NoticeDto.From(notice))
            : NotFound(id);

    /// <summary>
    /// The customer marks their own notice read (anyone else's answers 404; staff reading a notice do not make it read
    /// for the customer); reading it again is harmless and keeps the first read time.
    /// </summary>
    public static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> MarkRead(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null || notice.CustomerId != UserAccess.SubjectOf(http.User) || !http.User.IsInRole(Roles.Customer))
        {
            return NotFound(id);
        }

        if (!notice.IsRead)
        {
            notice.MarkRead(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(NoticeDto.From(notice));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "Notice not found.", $"There is no notice {id}.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
