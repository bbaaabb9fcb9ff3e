using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.SupplyScheme.Steps;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Staff;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Apis;

/// <summary>
/// The supply scheme's review: the drafter submits a revision from a 供电方案答复 work item, the reviewing departments
/// give their opinions in parallel (并行审批), HV schemes then wait for the weekly 方案审查会. Replying is the generic
/// completion of the 供电方案答复 work item, allowed once the revision is approved.
/// </summary>
public static class SchemeReviewsApi
{
    private static readonly string SchemeReplyName = StepCatalogue.Of(Step.SchemeReply).ChineseName;

    // Enough for every reviewing department to win a race before this one.
    private const int MaxAttempts = 8;

    public static IEndpointRouteBuilder MapSchemeReviewsApi(this IEndpointRouteBuilder app)
    {
        var prefix = DepartmentCatalogue.ApiPrefixOf(Department.SupplyScheme);
        // Drafting is SupplyScheme's own work (its staff and head); each reviewing department's opinion is given by that
        // department's own staff (并行审批: checked per opinion against the token and the staff directory), who also read
        // the reviews; the 方案审查会 decision is the SupplyScheme head's.
        var staff = Policies.StaffOf(Departments.SupplyScheme);
        var drafting = app.MapGroup($"{prefix}/work-items").WithTags("Scheme drafting").RequireAuthorization(staff).WithOneConnection<SupplySchemeDbContext>();
        drafting.MapPost("/{id:guid}/draft", SubmitDraft);
        drafting.MapGet("/{id:guid}/scheme", SchemeOfRound);

        var reviews = app.MapGroup($"{prefix}/reviews").WithTags("Scheme reviews").RequireAuthorization(Policies.DepartmentStaff);
        reviews.MapGet("/", List);
        reviews.MapGet("/mine", Mine);
        reviews.MapGet("/{id:guid}", Get);
        reviews.MapPost("/{id:guid}/opinions", GiveOpinion).WithOneConnection<SupplySchemeDbContext>();
        reviews.MapPost("/{id:guid}/meeting-decision", DecideAtMeeting).RequireAuthorization(Policies.HeadOf(Departments.SupplyScheme))
            .WithOneConnection<SupplySchemeDbContext>();

        app.MapGet($"{prefix}/meetings/{{date}}", Agenda).WithTags("Scheme reviews").RequireAuthorization(staff);
        return app;
    }

    public static async Task<Results<Created<SchemeReviewDto>, ValidationProblem, ProblemHttpResult>> SubmitDraft(
        SupplySchemeDbContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, IOptions<SchemeReviewOptions> options,
        Guid id, JsonElement json, CancellationToken cancellationToken)
    {
        // Read as the completion reads its body (enums by name), so a draft and its reply are the same JSON.
        SchemeReplyCompletion.Body? body;
        try
        {
            body = json.Deserialize<SchemeReplyCompletion.Body>(MessageJson.Options);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body"] = [ex.Message] },
                title: "The scheme draft is not valid.");
        }
        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] },
                title: "The scheme draft is not valid.");
        }

        var item = await WorkItemQueries.FindAsync(db, id, cancellationToken);
        if (item is null)
        {
            return WorkItemNotFound(id);
        }
        if (!WorkItemsApi.MayAct(http.User, item))
        {
            return WorkItemsApi.HeldBySomeoneElse(item);
        }
        if (item.Step != Step.SchemeReply)
        {
            return Problem(StatusCodes.Status409Conflict, $"Only a {SchemeReplyName} work item drafts a scheme.", $"Work item {id} is a {item.Step} work item.");
        }
        if (item.Status == WorkItemStatus.Paused || !item.IsOpen)
        {
            return Problem(StatusCodes.Status409Conflict, "The work item does not allow a draft now.",
                item.Status == WorkItemStatus.Paused ? "Resume the work item before submitting the draft." : $"The work item is {item.Status}.");
        }
        if (await SchemeReviewQueries.OfRoundAsync(db, id, cancellationToken) is { } existing)
        {
            return Problem(StatusCodes.Status409Conflict, "This round's scheme is already submitted.",
                $"Revision {existing.Revision} of {item.ApplicationNumber} was submitted at {existing.DraftedAt:u} and is {existing.Status}; "
                + "a rejected revision comes back as the next round.");
        }

        var errors = new Dictionary<string, string[]>();
        SchemeReplyCompletion.ValidateScheme(body, item.CustomerClass, new FieldErrors(errors));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The scheme draft is not valid.");
        }

        var user = CurrentUser.NameOf(http);
        var now = time.GetUtcNow();
        if (item.Status == WorkItemStatus.Open)
        {
            // The drafter becomes the 责任人 of the round.
            item.Claim(user, now);
            outbox.Enqueue(WorkItemEvents.Claimed(item), item.ApplicationId);
        }
        var review = SchemeReview.Submit(item.ApplicationId, item.ApplicationNumber, item.CustomerClass, item.Id, item.Round,
            body.ToDraft(), options.Value.EffectiveDepartments, user, now);
        db.SchemeReviews.Add(review);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this work item first.",
                "The work item was claimed, drafted or closed at the same time; reload it and try again.");
        }
        return TypedResults.Created($"/api/supply-scheme/reviews/{review.Id}", SchemeReviewDto.From(review));
    }

    public static async Task<Results<Ok<SchemeRoundDto>, ProblemHttpResult>> SchemeOfRound(
        SupplySchemeDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var item = await WorkItemQueries.ReadAsync(db, id, cancellationToken);
        if (item is null || item.Step != Step.SchemeReply)
        {
            return WorkItemNotFound(id);
        }
        var reviews = await SchemeReviewQueries.RevisionAndPreviousAsync(db, item.ApplicationId, item.Round, cancellationToken);
        var current = reviews.FirstOrDefault(r => r.Revision == item.Round);
        var previous = reviews.FirstOrDefault(r => r.Revision == item.Round - 1);
        return TypedResults.Ok(new SchemeRoundDto(item.Id, item.ApplicationId, item.Round, item.Status.ToString(),
            current is null ? null : SchemeReviewDto.From(current), previous is null ? null : SchemeReviewDto.From(previous)));
    }

    public static async Task<Results<Ok<SchemeReviewDto[]>, ProblemHttpResult>> List(
        SupplySchemeDbContext db, IOptions<SchemeReviewOptions> options, string? department, string? status, Guid? applicationId, int? limit,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit.", "limit must be between 1 and 1000.");
        }
        var departmentKey = department?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(departmentKey) && !options.Value.EffectiveDepartments.Contains(departmentKey))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown department.",
                $"'{department}' is not a reviewing department; they are {string.Join(", ", options.Value.EffectiveDepartments)}.");
        }

        IQueryable<SchemeReview> query = db.SchemeReviews.AsNoTracking();
        var wanted = (status ?? (applicationId is null ? "pending" : "all")).ToLowerInvariant();
        switch (wanted)
        {
            case "all":
                break;
            case "pending":
                // Under review, and the application still open here (a withdrawal closes the 供电方案答复 round).
                var openWork = db.OpenWorkItems;
                query = query.Where(r => r.Status == SchemeReviewStatus.UnderReview && openWork.Any(w => w.Id == r.SchemeReplyWorkItemId));
                break;
            default:
                if (!Enum.TryParse<SchemeReviewStatus>(wanted.Replace("-", ""), ignoreCase: true, out var parsed) || int.TryParse(wanted, out _))
                {
                    return Problem(StatusCodes.Status400BadRequest, "Unknown status filter.",
                        $"status must be pending, all or one of {string.Join(", ", Enum.GetNames<SchemeReviewStatus>())}; got '{status}'.");
                }
                query = query.Where(r => r.Status == parsed);
                break;
        }
        if (applicationId is { } application)
        {
            query = query.Where(r => r.ApplicationId == application);
        }

        var reviews = await query.OrderBy(r => r.DraftedAt).ToListAsync(cancellationToken);
        IEnumerable<SchemeReview> selected = reviews;
        if (!string.IsNullOrEmpty(departmentKey))
        {
            // A department's worklist: what it reviews and has not answered yet (pending), or everything it reviews.
            selected = wanted == "pending"
                ? reviews.Where(r => r.PendingDepartments.Contains(departmentKey))
                : reviews.Where(r => r.Reviewers.Contains(departmentKey));
        }
        return TypedResults.Ok(selected.Take(limit ?? 200).Select(SchemeReviewDto.From).ToArray());
    }

    /// <summary>
    /// A reviewer's worklist: the reviewing departments the signed-in person answers for (by token and staff directory)
    /// and the reviews still waiting for one of their opinions, the longest waiting first, each with its opinion due.
    /// </summary>
    public static async Task<Ok<ReviewerWorklistDto>> Mine(
        SupplySchemeDbContext db, IOptions<SchemeReviewOptions> options, StaffDirectory directory, HttpContext http, CancellationToken cancellationToken)
    {
        var keys = ReviewerAccess.KeysOf(http.User, directory, options.Value);
        var openWork = db.OpenWorkItems;
        var underReview = await db.SchemeReviews.AsNoTracking()
            .Where(r => r.Status == SchemeReviewStatus.UnderReview && openWork.Any(w => w.Id == r.SchemeReplyWorkItemId))
            .OrderBy(r => r.DraftedAt)
            .Take(1000)
            .ToListAsync(cancellationToken);
        var pending = underReview.Where(r => r.PendingDepartments.Intersect(keys).Any()).Select(SchemeReviewDto.From).ToArray();
        return TypedResults.Ok(new ReviewerWorklistDto(CurrentUser.NameOf(http), keys, pending));
    }

    public static async Task<Results<Ok<SchemeReviewDto>, ProblemHttpResult>> Get(SupplySchemeDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.SchemeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } review
            ? TypedResults.Ok(SchemeReviewDto.From(review))
            : ReviewNotFound(id);

    public static async Task<Results<Ok<SchemeReviewDto>, ValidationProblem, ProblemHttpResult>> GiveOpinion(
        SupplySchemeDbContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, DeadlinePlanner deadlines, MeetingSchedule meetings,
        IOptions<SchemeReviewOptions> options, StaffDirectory directory, Guid id, OpinionRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = new FieldErrors(errors);
        fields.Required("department", request.Department, 32);
        if (request.Approve is null)
        {
            fields.Add("approve", "approve is required: true approves the scheme, false sends it back for revision.");
        }
        if (request.Approve == false)
        {
            fields.Required("comments", request.Comments, 1000);
        }
        else
        {
            fields.Optional("comments", request.Comments, 1000);
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The review opinion is not valid.");
        }

        var department = request.Department!.Trim().ToLowerInvariant();
        var comments = request.Comments?.Trim() is { Length: > 0 } text ? text : null;
        var user = CurrentUser.NameOf(http);
        if (!options.Value.EffectiveDepartments.Contains(department))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["department"] = [$"'{request.Department}' is not a reviewing department; they are {string.Join(", ", options.Value.EffectiveDepartments)}."] },
                title: "The review opinion is not valid.");
        }
        if (ReviewerAccess.Refusal(http.User, directory, options.Value, department) is { } refusal)
        {
            return Problem(StatusCodes.Status403Forbidden, "Not a reviewer of this department.", refusal);
        }
        // Departments answer in parallel: a lost race on the review's version is retried from fresh state.
        for (var attempt = 1; ; attempt++)
        {
            var review = await SchemeReviewQueries.FindAsync(db, id, cancellationToken);
            if (review is null)
            {
                return ReviewNotFound(id);
            }
            if (!review.Reviewers.Contains(department))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["department"] = [$"'{request.Department}' does not review this scheme; the reviewers are {string.Join(", ", review.Reviewers)}."] },
                    title: "The review opinion is not valid.");
            }
            var round = await WorkItemQueries.FindAsync(db, review.SchemeReplyWorkItemId, cancellationToken);
            if (round is null || !round.IsOpen)
            {
                return RoundClosed(review, round);
            }

            var now = time.GetUtcNow();
            try
            {
                review.GiveOpinion(department, request.Approve!.Value, comments, user, now, meetings.NextAfter);
                if (review.Status == SchemeReviewStatus.Rejected)
                {
                    var reasons = SchemeReviewDto.From(review).SentBackBecause;
                    await SchemeRevisions.SendBackAsync(db, outbox, deadlines, round, string.Join("; ", reasons), now, cancellationToken);
                    outbox.Enqueue(new SchemeReviewCompleted(review.Id, review.ApplicationId, review.ApplicationNumber, review.Revision, false, reasons, null, now), review.ApplicationId);
                }
                else if (review.Status is SchemeReviewStatus.Approved or SchemeReviewStatus.AwaitingMeeting)
                {
                    outbox.Enqueue(new SchemeReviewCompleted(review.Id, review.ApplicationId, review.ApplicationNumber, review.Revision, true, [], review.MeetingAt, now), review.ApplicationId);
                }
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(SchemeReviewDto.From(review));
            }
            catch (SchemeReviewRuleException rule)
            {
                return Problem(StatusCodes.Status409Conflict, "The review does not allow this opinion.", rule.Message);
            }
            catch (WorkItemRuleException rule)
            {
                return Problem(StatusCodes.Status409Conflict, $"The {SchemeReplyName} work item does not allow this now.", rule.Message);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                return Problem(StatusCodes.Status409Conflict, "Someone else changed this review first.",
                    "Other opinions were recorded at the same time; reload the review and try again.");
            }
        }
    }

    public static async Task<Results<Ok<SchemeReviewDto>, ValidationProblem, ProblemHttpResult>> DecideAtMeeting(
        SupplySchemeDbContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, DeadlinePlanner deadlines,
        IOptions<SchemeReviewOptions> options, Guid id, MeetingDecisionRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = new FieldErrors(errors);
        if (request.Approve is null)
        {
            fields.Add("approve", "approve is required: true passes the scheme, false sends it back for revision.");
        }
        if (request.Approve == false)
        {
            fields.Required("comments", request.Comments, 1000);
        }
        else
        {
            fields.Optional("comments", request.Comments, 1000);
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The meeting decision is not valid.");
        }

        var review = await SchemeReviewQueries.FindAsync(db, id, cancellationToken);
        if (review is null)
        {
            return ReviewNotFound(id);
        }
        var round = await WorkItemQueries.FindAsync(db, review.SchemeReplyWorkItemId, cancellationToken);
        if (round is null || !round.IsOpen)
        {
            return RoundClosed(review, round);
        }

        var now = time.GetUtcNow();
        var user = CurrentUser.NameOf(http);
        var comments = request.Comments?.Trim() is { Length: > 0 } text ? text : null;
        try
        {
            review.DecideAtMeeting(request.Approve!.Value, comments, user, now, options.Value.AllowDecisionBeforeMeeting);
            if (review.Status == SchemeReviewStatus.Rejected)
            {
                await SchemeRevisions.SendBackAsync(db, outbox, deadlines, round, $"方案审查会: {comments}", now, cancellationToken);
            }
            outbox.Enqueue(new SchemeMeetingDecided(review.Id, review.ApplicationId, review.ApplicationNumber, review.Revision,
                review.MeetingDate!.Value, request.Approve.Value, comments, user, now), review.ApplicationId);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(SchemeReviewDto.From(review));
        }
        catch (SchemeReviewRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The review does not allow a meeting decision now.", rule.Message);
        }
        catch (WorkItemRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, $"The {SchemeReplyName} work item does not allow this now.", rule.Message);
        }
        catch (DbUpdateException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this review first.", "Reload the review and try again.");
        }
    }

    public static async Task<Results<Ok<MeetingAgendaDto>, ProblemHttpResult>> Agenda(
        SupplySchemeDbContext db, MeetingSchedule meetings, string date, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (QueryValues.Date(date, "date", errors) is not { } day)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid date.", errors.TryGetValue("date", out var why) ? why[0] : "date is required.");
        }
        var reviews = await db.SchemeReviews.AsNoTracking()
            .Where(r => r.MeetingDate == day)
            .OrderBy(r => r.ReviewedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MeetingAgendaDto(day, meetings.At(day), reviews.Select(SchemeReviewDto.From).ToArray()));
    }

    private static ProblemHttpResult RoundClosed(SchemeReview review, WorkItem? round) =>
        Problem(StatusCodes.Status409Conflict, $"The {SchemeReplyName} round of this revision is closed.",
            $"Revision {review.Revision} of {review.ApplicationNumber} belongs to a round that is {round?.Status.ToString() ?? "gone"}"
            + (round?.CancelReason is { } reason ? $" ({reason})." : "."));

    private static ProblemHttpResult WorkItemNotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "Work item not found.", $"There is no {SchemeReplyName} work item {id} in this department.");

    private static ProblemHttpResult ReviewNotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "Scheme review not found.", $"There is no scheme review {id}.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
