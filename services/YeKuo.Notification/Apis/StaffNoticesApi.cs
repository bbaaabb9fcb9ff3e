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
/// record of how an escalation was handled (超时处理). Each belongs to its department: its staff and head see it, a
/// 客户经理 those of the applications they manage, the recipient their own (<see cref="NotificationAccess"/>); only the
/// recipient marks one read, and only the department's head handles an escalation, as themselves.
/// </summary>
public static class StaffNoticesApi
{
    public const int MaxRecipientLength = 64;
    public const int MaxActionLength = 500;

    public static RouteGroupBuilder MapStaffNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{DepartmentCatalogue.ApiPrefixOf(Department.Notification)}/staff").WithTags("Staff notices").RequireAuthorization(Policies.Staff);
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
        NotificationDbContext db, HttpContext http, string? recipient, string? department, int? limit, CancellationToken cancellationToken)
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
        if (!string.IsNullOrWhiteSpace(department) && !NotificationAccess.MayReadDepartment(http.User, departmentFilter))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not your department.", $"Staff read their own department's notices, not {departmentFilter}'s.");
        }

        var query = NotificationAccess.Visible(db, db.StaffNotices.AsNoTracking(), http.User);
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
        NotificationDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await NotificationAccess.Visible(db, db.StaffNotices.AsNoTracking(), http.User).FirstOrDefaultAsync(n => n.Id == id, cancellationToken) is { } notice
            ? TypedResults.Ok(StaffNoticeDto.From(notice))
            : NotFound("Staff notice", id);

    /// <summary>The recipient marks a staff notice read (a queue notice: its department's staff); reading it again keeps the first read time.</summary>
    public static async Task<Results<Ok<StaffNoticeDto>, ProblemHttpResult>> MarkRead(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        var notice = await NotificationAccess.Visible(db, db.StaffNotices, http.User).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return NotFound("Staff notice", id);
        }
        if (!NotificationAccess.MayMarkRead(http.User, notice))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not your notice.", "Only its recipient marks a staff notice read.");
        }
        if (notice.ReadAt is null)
        {
            notice.MarkRead(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(StaffNoticeDto.From(notice));
    }

    /// <summary>
    /// Records the 超时处理 of an escalation by the department's head, as the token's subject: 400 with field errors when
    /// <c>action</c> is missing or too long or <c>handledBy</c> names someone else, 404 for a notice the user cannot see,
    /// 403 for anyone but the department's head, 409 when it is not an escalation or was already handled.
    /// </summary>
    public static async Task<Results<Ok<StaffNoticeDto>, ValidationProblem, ProblemHttpResult>> Handle(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, HandleEscalationRequest request, CancellationToken cancellationToken)
    {
        var me = UserAccess.SubjectOf(http.User);
        var errors = new FieldErrors();
        if (request.HandledBy is not null && request.HandledBy.Trim() != me)
        {
            errors.Add("handledBy", "handledBy is the signed-in user; leave it out or name yourself.");
        }
        errors.Required("action", request.Action, MaxActionLength);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The handling record is not valid.");
        }

        var notice = await NotificationAccess.Visible(db, db.StaffNotices, http.User).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return NotFound("Staff notice", id);
        }
        if (!SecurityExtensions.IsHeadOf(http.User, notice.Department.ToString()))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not the department head.", $"Only the head of {notice.Department} handles its escalations.");
        }

        try
        {
            notice.Handle(me, request.Action!.Trim(), time.GetUtcNow());
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
