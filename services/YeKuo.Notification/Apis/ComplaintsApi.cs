using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;
using static YeKuo.Notification.Apis.ApiProblems;

namespace YeKuo.Notification.Apis;

/// <summary>
/// Complaints (投诉): recorded by the customer, routed to an owner department with a due from the policy data, taken,
/// answered and closed there (a head or admin may reassign them), supervised by the platform. Every write is audited
/// (who, status before and after); recording and reassigning are published (<c>ComplaintRecorded</c>,
/// <c>ComplaintReassigned</c>) without text.
/// </summary>
public static class ComplaintsApi
{
    public static readonly string Route = $"{DepartmentCatalogue.ApiPrefixOf(Department.Notification)}/complaints";

    public static RouteGroupBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        // The platform's list across departments: summaries only, so read-only roles outside customer service may see it.
        app.MapGet($"{Route}/supervision", Supervision).WithTags("Complaints").RequireAuthorization(Policies.Platform);

        var api = app.MapGroup(Route).WithTags("Complaints").RequireAuthorization(Policies.CustomerOrStaff);
        api.MapPost("/", Record).RequireAuthorization(Policies.Customer);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapGet("/{id:guid}/actions", Actions).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:guid}/claim", Claim).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:guid}/reassign", Reassign).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:guid}/reply", Reply).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:guid}/close", Close).RequireAuthorization(Policies.Staff);
        return api;
    }

    /// <summary>
    /// Records a complaint, routes it to the department of the step it names (客户服务 otherwise), sets its due from the
    /// time-limit policy in force and publishes <c>ComplaintRecorded</c> in the same transaction: 400 with field errors
    /// for a missing application id, an unknown category or step, or a missing/too long text; 404 when this service
    /// has seen no event for the application (or it is another customer's).
    /// </summary>
    public static async Task<Results<Created<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Record(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, TimeLimitPolicyBook policies, WorkingDayCalendar calendar,
        HttpContext http, ComplaintRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.ApplicationId is null || request.ApplicationId == Guid.Empty)
        {
            errors.Add("applicationId", "applicationId is required.");
        }
        if (!TryParseName<ComplaintCategory>(request.Category, out var category))
        {
            errors.Add("category", $"category is one of {NamesOf<ComplaintCategory>()}.");
        }
        Step? step = null;
        if (!string.IsNullOrWhiteSpace(request.Step))
        {
            if (TryParseName<Step>(request.Step, out var parsed))
            {
                step = parsed;
            }
            else
            {
                errors.Add("step", $"step is one of {NamesOf<Step>()}, or left out.");
            }
        }
        errors.Required("text", request.Text, Complaint.MaxTextLength);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The complaint is not valid.");
        }

        var applicationId = request.ApplicationId!.Value;
        var application = await db.FindApplicationAsync(applicationId, cancellationToken);
        if (application is null || !UserAccess.OwnsOrIsStaff(http.User, application.CustomerId))
        {
            return Problem(StatusCodes.Status404NotFound, "Application not found.",
                $"The notification service has seen no event for application {applicationId}.");
        }

        var now = time.GetUtcNow();
        var deadline = ServiceDeadline.For(ServiceTask.ComplaintHandling, now, policies, calendar);
        var complaint = Complaint.Record(application, category, step, request.Text!, UserAccess.SubjectOf(http.User), deadline, now);
        http.Audit().Target(complaint.Id, complaint.ApplicationId).After(complaint.Status.ToString());
        db.Complaints.Add(complaint);
        outbox.Enqueue(new ComplaintRecorded(complaint.ApplicationId, complaint.ApplicationNumber, complaint.Category.ToString(),
            complaint.RecordedAt, complaint.Id, complaint.OwnerDepartment.ToString()), complaint.ApplicationId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Route}/{complaint.Id}", ComplaintDto.From(complaint, now, UserAccess.IsCustomer(http.User)));
    }

    /// <summary>
    /// Complaints by <c>applicationId</c> and/or owner <c>department</c>, optionally by <c>status</c> (<c>open</c>,
    /// <c>overdue</c>, or a state name). A customer lists their own (no filter needed); staff name an application or a
    /// department, and staff and heads list only their own department's queue (403 for another's). Open and overdue
    /// lists come by due, others newest first.
    /// </summary>
    public static async Task<Results<Ok<ComplaintDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid? applicationId, string? department, string? status, int? limit,
        CancellationToken cancellationToken)
    {
        var customer = UserAccess.IsCustomer(http.User) ? UserAccess.SubjectOf(http.User) : null;
        if (customer is null && applicationId is null && string.IsNullOrWhiteSpace(department))
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is required.", "Name the application with applicationId or the owner with department.");
        }
        Department? owner = null;
        if (!string.IsNullOrWhiteSpace(department))
        {
            if (!TryOwner(department, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid department.", $"department is one of {string.Join(", ", Departments.All)}.");
            }
            if (customer is null && !SecurityExtensions.IsStaffOf(http.User, parsed.ToString()))
            {
                return Problem(StatusCodes.Status403Forbidden, "Not your department.", $"Only staff and heads of {parsed} list its complaints.");
            }
            owner = parsed;
        }
        if (!ComplaintFilter.TryParse(status, out var filter))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid status.", $"status is open, overdue or one of {NamesOf<ComplaintStatus>()}.");
        }
        if (limit is < 1 or > NotificationsApi.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", $"limit must be between 1 and {NotificationsApi.MaxLimit}.");
        }
        var now = time.GetUtcNow();
        var query = db.Complaints.AsNoTracking();
        if (customer is not null)
        {
            query = query.Where(c => c.CustomerId == customer);
        }
        else if (UserAccess.IsManagerOnly(http.User))
        {
            // A 客户经理 lists their own customers' complaints only; another's answer nothing, not even that there is something.
            var managed = NotificationAccess.ManagedBy(db, http.User);
            query = query.Where(c => managed.Contains(c.ApplicationId));
        }
        if (applicationId is { } id)
        {
            query = query.Where(c => c.ApplicationId == id);
        }
        if (owner is { } o)
        {
            query = query.Where(c => c.OwnerDepartment == o);
        }
        var complaints = await filter.Apply(query, now).Take(limit ?? NotificationsApi.DefaultLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(complaints.Select(c => ComplaintDto.From(c, now, customer is not null)).ToArray());
    }

    public static async Task<Results<Ok<ComplaintDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } complaint
            && await NotificationAccess.CanSeeAsync(db, http.User, complaint.ApplicationId, complaint.CustomerId, cancellationToken)
            ? TypedResults.Ok(ComplaintDto.From(complaint, time.GetUtcNow(), UserAccess.IsCustomer(http.User)))
            : NotFound("Complaint", id);

    /// <summary>The complaint's history, oldest first: who recorded, took, reassigned (with the reason), answered and closed it.</summary>
    public static async Task<Results<Ok<ComplaintActionDto[]>, ProblemHttpResult>> Actions(
        NotificationDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.ApplicationId, c.CustomerId }).FirstOrDefaultAsync(cancellationToken);
        if (complaint is null || !await NotificationAccess.CanSeeAsync(db, http.User, complaint.ApplicationId, complaint.CustomerId, cancellationToken))
        {
            return NotFound("Complaint", id);
        }
        var actions = await db.ComplaintActions.AsNoTracking().Where(a => a.ComplaintId == id)
            .OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(actions.Select(ComplaintActionDto.From).ToArray());
    }

    /// <summary>A member of the owner department takes the complaint (责任人): 403 for anyone else, 409 unless it is waiting.</summary>
    public static Task<Results<Ok<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Claim(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        Change(db, time, http, id, Who.OwnerStaff, (c, user, now) => c.Claim(user, now), cancellationToken);

    /// <summary>
    /// A head of the owner department (or an admin) hands the complaint to another department with a reason (kept in its
    /// history) and publishes <c>ComplaintReassigned</c>: 400 with field errors, 403 for anyone else, 409 once answered.
    /// </summary>
    public static Task<Results<Ok<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Reassign(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, ReassignComplaintRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!TryOwner(request.Department, out var to))
        {
            errors.Add("department", $"department is one of {string.Join(", ", Departments.All)}.");
        }
        errors.Required("reason", request.Reason, ComplaintAction.MaxNoteLength);
        return Change(db, time, http, id, Who.OwnerHead, (c, user, now) =>
        {
            c.Reassign(to, request.Reason!, user, now);
            outbox.Enqueue(new ComplaintReassigned(c.Id, c.ApplicationId, c.ApplicationNumber, c.OwnerDepartment.ToString(), now), c.ApplicationId);
        }, cancellationToken, errors);
    }

    /// <summary>The owner department answers the customer (once): 400 when the reply is blank or too long, 403, 409 when already answered.</summary>
    public static Task<Results<Ok<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Reply(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, ReplyComplaintRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("reply", request.Reply, Complaint.MaxReplyLength);
        return Change(db, time, http, id, Who.OwnerStaff, (c, user, now) => c.Answer(request.Reply!, user, now), cancellationToken, errors);
    }

    /// <summary>
    /// A head of the owner department (or an admin) closes an answered complaint with its 整改 and 问责 notes: 400 when
    /// either is blank or too long, 403 for anyone else, 409 before the answer or once closed.
    /// </summary>
    public static Task<Results<Ok<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Close(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, CloseComplaintRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("rectification", request.Rectification, Complaint.MaxNoteLength);
        errors.Required("accountability", request.Accountability, Complaint.MaxNoteLength);
        return Change(db, time, http, id, Who.OwnerHead,
            (c, user, now) => c.Close(request.Rectification!, request.Accountability!, user, now), cancellationToken, errors);
    }

    /// <summary>
    /// The platform's supervision list: open and overdue complaints per owner department (every department listed, zeros
    /// included) and the open complaints, overdue first by due. <c>department</c> narrows the list; <c>overdue=true</c>
    /// keeps only the overdue ones.
    /// </summary>
    public static async Task<Results<Ok<ComplaintSupervisionDto>, ProblemHttpResult>> Supervision(
        NotificationDbContext db, TimeProvider time, string? department, bool? overdue, int? limit, CancellationToken cancellationToken)
    {
        Department? owner = null;
        if (!string.IsNullOrWhiteSpace(department))
        {
            if (!TryOwner(department, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid department.", $"department is one of {string.Join(", ", Departments.All)}.");
            }
            owner = parsed;
        }
        if (limit is < 1 or > NotificationsApi.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", $"limit must be between 1 and {NotificationsApi.MaxLimit}.");
        }

        var now = time.GetUtcNow();
        var counts = await db.Complaints.AsNoTracking().Where(c => c.Status != ComplaintStatus.Closed)
            .GroupBy(c => c.OwnerDepartment)
            .Select(g => new { Department = g.Key, Open = g.Count(), Overdue = g.Count(c => c.DueAt < now) })
            .ToListAsync(cancellationToken);
        var perDepartment = DepartmentCatalogue.Services.Select(s => s.Department)
            .Select(d => counts.FirstOrDefault(c => c.Department == d) is { } c
                ? new DepartmentComplaintCount(d.ToString(), c.Open, c.Overdue)
                : new DepartmentComplaintCount(d.ToString(), 0, 0))
            .ToArray();

        var query = ComplaintFilter.Open.Apply(db.Complaints.AsNoTracking(), now);
        if (owner is { } o)
        {
            query = query.Where(c => c.OwnerDepartment == o);
        }
        if (overdue == true)
        {
            query = query.Where(c => c.DueAt < now);
        }
        var open = await query.Take(limit ?? NotificationsApi.DefaultLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ComplaintSupervisionDto(now, perDepartment, open.Select(c => ComplaintSummaryDto.From(c, now)).ToArray()));
    }

    /// <summary>A department that can own a complaint: one that runs a service (never the customer).</summary>
    private static bool TryOwner(string? name, out Department department)
    {
        if (DepartmentCatalogue.TryGet(name?.Trim(), out var definition) && definition.Service is not null)
        {
            department = definition.Department;
            return true;
        }
        department = default;
        return false;
    }

    private enum Who
    {
        /// <summary>Staff and heads of the owner department; admins.</summary>
        OwnerStaff,

        /// <summary>The head of the owner department; admins.</summary>
        OwnerHead,
    }

    /// <summary>
    /// Loads the complaint, checks the caller against its owner department, applies <paramref name="change"/> and saves it
    /// with its audit row (status before and after) and any event; a refused change is audited with its status unchanged.
    /// </summary>
    private static async Task<Results<Ok<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Change(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, Who who, Action<Complaint, string, DateTimeOffset> change,
        CancellationToken cancellationToken, FieldErrors? errors = null)
    {
        if (errors is { Any: true })
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The complaint action is not valid.");
        }
        var complaint = await db.Complaints.Include(c => c.Actions).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return NotFound("Complaint", id);
        }
        var audit = http.Audit().Target(complaint.Id, complaint.ApplicationId).Before(complaint.Status.ToString());
        if (!May(http.User, who, complaint.OwnerDepartment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not the owner department.", who == Who.OwnerHead
                ? $"Only the head of {complaint.OwnerDepartment} (or an admin) may do this."
                : $"Only staff of {complaint.OwnerDepartment} (or an admin) may do this.");
        }

        var now = time.GetUtcNow();
        try
        {
            change(complaint, UserAccess.SubjectOf(http.User), now);
            audit.After(complaint.Status.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ComplaintRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The complaint does not allow this now.", rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this complaint first.",
                "Another user acted on this complaint at the same time; reload it and try again.");
        }
        return TypedResults.Ok(ComplaintDto.From(complaint, now, forCustomer: false));
    }

    private static bool May(ClaimsPrincipal user, Who who, Department owner) => who switch
    {
        Who.OwnerHead => SecurityExtensions.IsHeadOf(user, owner.ToString()),
        _ => SecurityExtensions.IsStaffOf(user, owner.ToString()),
    };
}
