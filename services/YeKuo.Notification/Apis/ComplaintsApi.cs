using YeKuo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using static YeKuo.Notification.Apis.ApiProblems;

namespace YeKuo.Notification.Apis;

/// <summary>A recorded complaint (投诉).</summary>
public sealed record ComplaintDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string? CustomerId,
    string Category,
    string Text,
    DateTimeOffset RecordedAt)
{
    public static ComplaintDto From(Complaint complaint) => new(
        complaint.Id, complaint.ApplicationId, complaint.ApplicationNumber, complaint.CustomerId,
        complaint.Category.ToString(), complaint.Text, complaint.RecordedAt);
}

/// <summary>A complaint against an application: its category (see <see cref="ComplaintCategory"/>) and what the customer said.</summary>
public sealed record ComplaintRequest(Guid? ApplicationId, string? Category, string? Text);

/// <summary>Complaints (投诉) against applications; each is published as <c>ComplaintRecorded</c> (category only, no text).</summary>
public static class ComplaintsApi
{
    public static RouteGroupBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications/complaints").WithTags("Complaints").RequireAuthorization(Policies.CustomerOrStaff);
        api.MapPost("/", Record).RequireAuthorization(Policies.Customer);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        return api;
    }

    /// <summary>
    /// Records a complaint and publishes <c>ComplaintRecorded</c> in the same transaction: 400 with field errors for
    /// a missing application id, an unknown category or a missing/too long text; 404 when this service has seen no
    /// event for the application.
    /// </summary>
    public static async Task<Results<Created<ComplaintDto>, ValidationProblem, ProblemHttpResult>> Record(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, ComplaintRequest request, CancellationToken cancellationToken)
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

        var complaint = Complaint.Record(application, category, request.Text!.Trim(), time.GetUtcNow());
        db.Complaints.Add(complaint);
        outbox.Enqueue(new ComplaintRecorded(complaint.ApplicationId, complaint.ApplicationNumber, complaint.Category.ToString(), complaint.RecordedAt), complaint.ApplicationId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/complaints/{complaint.Id}", ComplaintDto.From(complaint));
    }

    /// <summary>An application's complaints, newest first.</summary>
    public static async Task<Results<Ok<ComplaintDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, HttpContext http, Guid? applicationId, CancellationToken cancellationToken)
    {
        var customer = UserAccess.IsCustomer(http.User) ? UserAccess.SubjectOf(http.User) : null;
        if (applicationId is not { } id)
        {
            return Problem(StatusCodes.Status400BadRequest, "A filter is required.", "Name the application with applicationId.");
        }
        if (UserAccess.IsManagerOnly(http.User) && !await NotificationAccess.CanSeeAsync(db, http.User, id, null, cancellationToken))
        {
            // Like a customer asking for someone else's: nothing, not even that there is something.
            return TypedResults.Ok(Array.Empty<ComplaintDto>());
        }

        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ApplicationId == id && (customer == null || c.CustomerId == customer))
            .OrderByDescending(c => c.RecordedAt)
            .ThenByDescending(c => c.Id)
            .Take(NotificationsApi.MaxLimit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(complaints.Select(ComplaintDto.From).ToArray());
    }

    public static async Task<Results<Ok<ComplaintDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } complaint
            && await NotificationAccess.CanSeeAsync(db, http.User, complaint.ApplicationId, complaint.CustomerId, cancellationToken)
            ? TypedResults.Ok(ComplaintDto.From(complaint))
            : NotFound("Complaint", id);
}
