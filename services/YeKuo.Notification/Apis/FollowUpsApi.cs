using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using static YeKuo.Notification.Apis.ApiProblems;

namespace YeKuo.Notification.Apis;

/// <summary>
/// A 回访 task: <c>Status</c> is the customer's own rating (<c>Pending</c> until given); <c>VisitStatus</c> is customer
/// service's 回访 (<c>Pending</c> until recorded, due by <c>VisitDueAt</c>, <c>VisitOverdue</c> computed now).
/// <c>VisitedBy</c> is null for customers.
/// </summary>
public sealed record FollowUpDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string Status,
    DateTimeOffset ConnectedAt,
    DateTimeOffset CreatedAt,
    int? Score,
    string? Comment,
    DateTimeOffset? RatedAt,
    string VisitStatus,
    DateTimeOffset? VisitDueAt,
    bool VisitOverdue,
    string? VisitChannel,
    int? AttitudeScore,
    int? SpeedScore,
    int? ChargesScore,
    string? VisitComments,
    string? VisitedBy,
    DateTimeOffset? VisitedAt)
{
    public static FollowUpDto From(FollowUp f, DateTimeOffset now, bool forCustomer = false) => new(
        f.Id, f.ApplicationId, f.ApplicationNumber, f.CustomerId, f.Status.ToString(),
        f.ConnectedAt, f.CreatedAt, f.Score, f.Comment, f.RatedAt,
        f.VisitStatus.ToString(), f.VisitDueAt, f.IsVisitOverdueAt(now), f.VisitChannel?.ToString(),
        f.AttitudeScore, f.SpeedScore, f.ChargesScore, f.VisitComments, forCustomer ? null : f.VisitedBy, f.VisitedAt);
}

/// <summary>
/// Customer service's 回访: <c>channel</c> (<c>Phone</c> or <c>Visit</c>), satisfaction with service attitude (服务态度),
/// speed and charges (1–5 each) and the customer's free comments (at most 500 characters).
/// </summary>
public sealed record VisitRequest(string? Channel, int? Attitude, int? Speed, int? Charges, string? Comments);

/// <summary>The customer's satisfaction (满意度) given in the 回访: a score of 1–5 and an optional comment (≤ 500 characters).</summary>
public sealed record RatingRequest(int? Score, string? Comment);

/// <summary>回访 after power connected, and the satisfaction rating recorded in it (published as <c>SatisfactionRated</c>).</summary>
public static class FollowUpsApi
{
    public static RouteGroupBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{DepartmentCatalogue.ApiPrefixOf(Department.Notification)}/follow-ups").WithTags("Follow-ups").RequireAuthorization(Policies.CustomerOrStaff);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("/{id:guid}/rating", Rate).RequireAuthorization(Policies.Customer);
        api.MapPost("/{id:guid}/visit", Visit).RequireAuthorization(Policies.StaffOf(Departments.Notification));
        return api;
    }

    /// <summary>
    /// Follow-ups by <c>status</c> of the customer's rating (<c>pending</c>: longest waiting first; <c>done</c>: latest rated
    /// first; none: newest first), by <c>visit</c> (customer service's 回访 task list: <c>pending</c> or <c>overdue</c> by
    /// due, <c>done</c> latest first) and/or <c>applicationId</c>.
    /// </summary>
    public static async Task<Results<Ok<FollowUpDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, TimeProvider time, HttpContext http, string? status, string? visit, Guid? applicationId, int? limit,
        CancellationToken cancellationToken)
    {
        var visitFilter = visit?.Trim().ToLowerInvariant();
        if (visitFilter is not (null or "" or "pending" or "overdue" or "done"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid visit.", "visit is pending, overdue or done.");
        }
        if (!string.IsNullOrEmpty(visitFilter) && !string.IsNullOrWhiteSpace(status))
        {
            return Problem(StatusCodes.Status400BadRequest, "Two orders asked for.", "Filter by status (the rating) or by visit (the 回访), not both.");
        }
        FollowUpStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!TryParseName<FollowUpStatus>(status, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid status.", "status is pending or done.");
            }
            statusFilter = parsed;
        }
        if (limit is < 1 or > NotificationsApi.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", $"limit must be between 1 and {NotificationsApi.MaxLimit}.");
        }

        IQueryable<FollowUp> query = db.FollowUps.AsNoTracking();
        if (UserAccess.IsCustomer(http.User))
        {
            var self = UserAccess.SubjectOf(http.User);
            query = query.Where(f => f.CustomerId == self);
        }
        else if (UserAccess.IsManagerOnly(http.User))
        {
            var managed = NotificationAccess.ManagedBy(db, http.User);
            query = query.Where(f => managed.Contains(f.ApplicationId));
        }
        if (applicationId is { } id)
        {
            query = query.Where(f => f.ApplicationId == id);
        }
        var now = time.GetUtcNow();
        query = visitFilter switch
        {
            "pending" => query.Where(f => f.VisitedAt == null).OrderBy(f => f.VisitDueAt).ThenBy(f => f.Id),
            "overdue" => query.Where(f => f.VisitedAt == null && f.VisitDueAt < now).OrderBy(f => f.VisitDueAt).ThenBy(f => f.Id),
            "done" => query.Where(f => f.VisitedAt != null).OrderByDescending(f => f.VisitedAt).ThenByDescending(f => f.Id),
            _ => query,
        };
        query = string.IsNullOrEmpty(visitFilter) ? statusFilter switch
        {
            FollowUpStatus.Pending => query.Where(f => f.RatedAt == null).OrderBy(f => f.ConnectedAt).ThenBy(f => f.Id),
            FollowUpStatus.Done => query.Where(f => f.RatedAt != null).OrderByDescending(f => f.RatedAt).ThenByDescending(f => f.Id),
            _ => query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id),
        } : query;

        var followUps = await query.Take(limit ?? NotificationsApi.DefaultLimit).ToListAsync(cancellationToken);
        var forCustomer = UserAccess.IsCustomer(http.User);
        return TypedResults.Ok(followUps.Select(f => FollowUpDto.From(f, now, forCustomer)).ToArray());
    }

    public static async Task<Results<Ok<FollowUpDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, TimeProvider time, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is { } followUp
            && await NotificationAccess.CanSeeAsync(db, http.User, followUp.ApplicationId, followUp.CustomerId, cancellationToken)
            ? TypedResults.Ok(FollowUpDto.From(followUp, time.GetUtcNow(), UserAccess.IsCustomer(http.User)))
            : NotFound("Follow-up", id);

    /// <summary>
    /// Records the rating once and publishes <c>SatisfactionRated</c> (score only) in the same transaction: 400 with
    /// field errors for a score outside 1–5 or a comment over 500 characters, 404 for an unknown follow-up, 409 when
    /// it is already rated.
    /// </summary>
    public static async Task<Results<Ok<FollowUpDto>, ValidationProblem, ProblemHttpResult>> Rate(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, RatingRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Score is not (>= FollowUp.MinScore and <= FollowUp.MaxScore))
        {
            errors.Add("score", $"score is required and must be {FollowUp.MinScore} to {FollowUp.MaxScore}.");
        }
        if (request.Comment?.Trim() is { Length: > FollowUp.MaxCommentLength })
        {
            errors.Add("comment", $"comment must be at most {FollowUp.MaxCommentLength} characters.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The rating is not valid.");
        }

        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (followUp is null || !UserAccess.OwnsOrIsStaff(http.User, followUp.CustomerId))
        {
            return NotFound("Follow-up", id);
        }

        try
        {
            var now = time.GetUtcNow();
            followUp.Rate(request.Score!.Value, request.Comment, now);
            outbox.Enqueue(new SatisfactionRated(followUp.ApplicationId, followUp.ApplicationNumber, followUp.Score!.Value, now), followUp.ApplicationId);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (FollowUpRatedException rated)
        {
            return Problem(StatusCodes.Status409Conflict, "The follow-up is already rated.", rated.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "The follow-up is already rated.", "Another rating was recorded first.");
        }
        return TypedResults.Ok(FollowUpDto.From(followUp, time.GetUtcNow(), UserAccess.IsCustomer(http.User)));
    }

    /// <summary>
    /// Customer service records the 回访 once (staff and heads of Notification, admins) and publishes
    /// <c>FollowUpVisited</c> (scores only) in the same transaction: 400 with field errors for an unknown channel, a score
    /// outside 1–5 or comments over 500 characters, 404 for an unknown follow-up, 409 when already recorded.
    /// </summary>
    public static async Task<Results<Ok<FollowUpDto>, ValidationProblem, ProblemHttpResult>> Visit(
        NotificationDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, Guid id, VisitRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!TryParseName<VisitChannel>(request.Channel, out var channel))
        {
            errors.Add("channel", $"channel is one of {NamesOf<VisitChannel>()}.");
        }
        foreach (var (field, score) in new[] { ("attitude", request.Attitude), ("speed", request.Speed), ("charges", request.Charges) })
        {
            if (score is not (>= FollowUp.MinScore and <= FollowUp.MaxScore))
            {
                errors.Add(field, $"{field} is required and must be {FollowUp.MinScore} to {FollowUp.MaxScore}.");
            }
        }
        if (request.Comments?.Trim() is { Length: > FollowUp.MaxCommentLength })
        {
            errors.Add("comments", $"comments must be at most {FollowUp.MaxCommentLength} characters.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.Errors, title: "The 回访 record is not valid.");
        }

        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (followUp is null)
        {
            return NotFound("Follow-up", id);
        }
        var audit = http.Audit().Target(followUp.Id, followUp.ApplicationId).Before(followUp.VisitStatus.ToString());
        var now = time.GetUtcNow();
        try
        {
            followUp.RecordVisit(channel, request.Attitude!.Value, request.Speed!.Value, request.Charges!.Value, request.Comments,
                UserAccess.SubjectOf(http.User), now);
            outbox.Enqueue(new FollowUpVisited(followUp.Id, followUp.ApplicationId, followUp.ApplicationNumber, channel.ToString(),
                followUp.AttitudeScore!.Value, followUp.SpeedScore!.Value, followUp.ChargesScore!.Value,
                OnTime: followUp.VisitDueAt is not { } due || now <= due, now), followUp.ApplicationId);
            audit.After(followUp.VisitStatus.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (FollowUpRatedException recorded)
        {
            return Problem(StatusCodes.Status409Conflict, "The 回访 is already recorded.", recorded.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "The follow-up changed meanwhile.", "Someone else recorded on this follow-up first; reload it.");
        }
        return TypedResults.Ok(FollowUpDto.From(followUp, now));
    }
}
