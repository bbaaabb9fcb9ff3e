using YeKuo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using static YeKuo.Notification.Apis.ApiProblems;

namespace YeKuo.Notification.Apis;

/// <summary>A 回访 task as customer service sees it; <c>Status</c> is <c>Pending</c> until the rating is recorded.</summary>
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
    DateTimeOffset? RatedAt)
{
    public static FollowUpDto From(FollowUp followUp) => new(
        followUp.Id, followUp.ApplicationId, followUp.ApplicationNumber, followUp.CustomerId, followUp.Status.ToString(),
        followUp.ConnectedAt, followUp.CreatedAt, followUp.Score, followUp.Comment, followUp.RatedAt);
}

/// <summary>The customer's satisfaction (满意度) given in the 回访: a score of 1–5 and an optional comment (≤ 500 characters).</summary>
public sealed record RatingRequest(int? Score, string? Comment);

/// <summary>回访 after power connected, and the satisfaction rating recorded in it (published as <c>SatisfactionRated</c>).</summary>
public static class FollowUpsApi
{
    public static RouteGroupBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications/follow-ups").WithTags("Follow-ups").RequireAuthorization(Policies.CustomerOrStaff);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("/{id:guid}/rating", Rate).RequireAuthorization(Policies.Customer);
        return api;
    }

    /// <summary>
    /// Follow-ups by <c>status</c> (<c>pending</c>: longest waiting first; <c>done</c>: latest rated first; none: newest
    /// first) and/or <c>applicationId</c>.
    /// </summary>
    public static async Task<Results<Ok<FollowUpDto[]>, ProblemHttpResult>> List(
        NotificationDbContext db, HttpContext http, string? status, Guid? applicationId, int? limit, CancellationToken cancellationToken)
    {
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
        query = statusFilter switch
        {
            FollowUpStatus.Pending => query.Where(f => f.RatedAt == null).OrderBy(f => f.ConnectedAt).ThenBy(f => f.Id),
            FollowUpStatus.Done => query.Where(f => f.RatedAt != null).OrderByDescending(f => f.RatedAt).ThenByDescending(f => f.Id),
            _ => query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id),
        };

        var followUps = await query.Take(limit ?? NotificationsApi.DefaultLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(followUps.Select(FollowUpDto.From).ToArray());
    }

    public static async Task<Results<Ok<FollowUpDto>, ProblemHttpResult>> Get(
        NotificationDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken) =>
        await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is { } followUp
            && await NotificationAccess.CanSeeAsync(db, http.User, followUp.ApplicationId, followUp.CustomerId, cancellationToken)
            ? TypedResults.Ok(FollowUpDto.From(followUp))
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
        return TypedResults.Ok(FollowUpDto.From(followUp));
    }
}
