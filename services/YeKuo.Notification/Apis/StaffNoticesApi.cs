using YeKuo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using static YeKuo.Notification.Apis.ApiProblems;

namespace YeKuo.Notification.Apis;

/// <summary>
/// Staff notices (员工通知): 超时预警 for assignees and department queues, escalations for department heads, and the
/// record of how an escalation was handled (超时处理). The group is returned for staff authorization policies.
/// </summary>
public static class StaffNoticesApi
{
    public const int MaxRecipientLength = 64;
    public const int MaxActionLength = 500;

    public static RouteGroupBuilder MapStaffNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications/staff").WithTags("Staff notices").RequireAuthorization(Policies.Staff);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("/{id:guid}/read", MarkRead);
        api.MapPost("/{id:guid}/handle", Handle);
        return api;
    }

    /// <summary>
    /// A person's notices (<c>recipient</c>), a department's (<c>department</c>: every notice about its work items,
    /// including its queue), or both filters together; newest first.
    /// </summary>
    public static async Task<Results<Ok<StaffNoticeDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, string? recipient, string? department, int? limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(recipient) && string.IsNullOrWhiteSpace(department))
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is required.",
                "Name the notices to list with recipient, department or both.");
        }
        if (recipient is { Length: > MaxRecipientLength })
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid recipient.", $"recipient is at most {MaxRecipientLength} characters.");
        }
        var departmentFilter = default(Department);
        if (!string.IsNullOrWhiteSpace(department) && !TryParseName(department, out departmentFilter))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid department.", $"department is one of {NamesOf<Department>()}.");
        }
        if (limit is < 1 or > NotificationsApi.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", $"limit must be between 1 and {NotificationsApi.MaxLimit}.");
        }

        IQueryable<StaffNotice> query = db.StaffNotices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var name = recipient.Trim();
            query = query.Where(n => n.Recipient == name);
        }
        if (!string.IsNullOrWhiteSpace(department))
        {
            query = query.Where(n => n.Department == departmentFilter);
        }

        var notices = await query
            .OrderByDescending(n => n.CreatedAt)
            .ThenByDescending(n => n.Id)
            .Take(limit ?? NotificationsApi.DefaultLimit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(notices.Select(StaffNoticeDto.From).ToArray());
    }

    public static async Task<Results<Ok<StaffNoticeDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.StaffNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken) is { } notice
            ? TypedResults.Ok(StaffNoticeDto.From(notice))
            : NotFound("Staff notice", id);

    /// <summary>Marks a staff notice read; reading it again is harmless and keeps the first read time.</summary>
    public static async Task<Results<Ok<StaffNoticeDto>, ProblemHttpResult>> MarkRead(
        NotificationDbContext db, TimeProvider time, Guid id, CancellationToken cancellationToken)
    {
        var notice = await db.StaffNotices.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return NotFound("Staff notice", id);
        }
        if (notice.ReadAt is null)
        {
            notice.MarkRead(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(StaffNoticeDto.From(notice));
    }

    /// <summary>
    /// Records the 超时处理 of an escalation: 400 with field errors when <c>handledBy</c> or <c>action</c> is missing or
    /// too long, 404 for an unknown notice, 409 when it is not an escalation or was already handled.
    /// </summary>
    public static async Task<Results<Ok<StaffNoticeDto>, ValidationProblem, ProblemHttpResult>> Handle(
        NotificationDbContext db, TimeProvider time, Guid id, HandleEscalationRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("handledBy", request.HandledBy, MaxRecipientLength);
        errors.Required("action", request.Action, MaxActionLength);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The handling record is not valid.");
        }

        var notice = await db.StaffNotices.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return NotFound("Staff notice", id);
        }

        try
        {
            notice.Handle(request.HandledBy!.Trim(), request.Action!.Trim(), time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (StaffNoticeRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The notice cannot be handled.", rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "The notice cannot be handled.", "Someone else handled the escalation first.");
        }
        return TypedResults.Ok(StaffNoticeDto.From(notice));
    }
}
