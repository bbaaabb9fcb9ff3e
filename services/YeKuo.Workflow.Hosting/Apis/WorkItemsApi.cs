using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;
using AuthPolicies = YeKuo.ServiceDefaults.Security.Policies;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Consumers;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Staff;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;
using YeKuo.Workflow.Hosting.Telemetry;
using YeKuo.Workflow.Hosting.Worklists;

namespace YeKuo.Workflow.Hosting.Apis;

/// <summary>A department's worklist: list, claim, reassign, pause/resume and complete its work items.</summary>
public static class WorkItemsApi
{
    /// <summary>
    /// Maps the worklist of <paramref name="hosting"/> at its <see cref="DepartmentDefinition.WorkItemsPrefix"/>: its staff and head work it.
    /// Where customers hold work items (<paramref name="customersHoldWork"/>; by default: the step catalogue gives the
    /// department a customer step, e.g. 客户确认方案 in SupplyScheme, 提交设计文件 in Inspection) customers also see and
    /// complete the customer steps of their own applications, counter clerks those of any customer they act for, and
    /// nothing else (404 for any other item).
    /// </summary>
    public static RouteGroupBuilder MapWorkItemsApi<TContext>(this IEndpointRouteBuilder app, Department hosting, bool? customersHoldWork = null)
        where TContext : WorkflowDbContext
    {
        var prefix = DepartmentCatalogue.Of(hosting).WorkItemsPrefix
            ?? throw new ArgumentOutOfRangeException(nameof(hosting), hosting, "The department catalogue says this department hosts no work items.");
        var department = hosting.ToString();
        customersHoldWork ??= StepCatalogue.HostedBy(hosting).Any(s => StepCatalogue.Of(s).IsCustomerStep);
        var api = app.MapGroup($"{prefix}/work-items").WithTags("Work items")
            .RequireAuthorization(customersHoldWork.Value ? AuthPolicies.StaffOrCustomerOf(department) : AuthPolicies.StaffOf(department));
        api.MapGet("/", List<TContext>);
        api.MapGet("/stream", Stream<TContext>);
        api.MapGet("/{id:guid}", Get<TContext>);
        api.MapPost("/{id:guid}/claim", Claim<TContext>).RequireAuthorization(AuthPolicies.StaffOf(department)).WithOneConnection<TContext>();
        api.MapPost("/{id:guid}/reassign", Reassign<TContext>).RequireAuthorization(AuthPolicies.HeadOf(department)).WithOneConnection<TContext>();
        api.MapPost("/{id:guid}/pause", Pause<TContext>).RequireAuthorization(AuthPolicies.StaffOf(department)).WithOneConnection<TContext>();
        api.MapPost("/{id:guid}/resume", Resume<TContext>).RequireAuthorization(AuthPolicies.StaffOf(department)).WithOneConnection<TContext>();
        api.MapPost("/{id:guid}/complete", Complete<TContext>).WithOneConnection<TContext>();
        return api;
    }

    /// <summary>
    /// Customers see only the customer steps (e.g. 客户确认方案) of their own applications, counter clerks who are not the
    /// department's staff the customer steps of any application (they act for the customer); staff see the department's.
    /// </summary>
    public static bool IsVisibleTo(ClaimsPrincipal user, WorkItem item) =>
        StepCatalogue.Of(item.Step).IsCustomerStep
            ? !CurrentUser.IsCustomer(user) || item.CustomerId == CurrentUser.NameOf(user)
            : !CurrentUser.IsCustomer(user) && (!CurrentUser.IsClerkOnly(user) || item.Department == Department.Acceptance);

    /// <summary>
    /// May <paramref name="user"/> act on (pause, resume, complete, reject) an open item they can see? Anyone of the
    /// department while nobody holds it; once it has a 责任人, only they and the department's head (admins everywhere). A customer's
    /// own step is assigned to the customer, and whoever acts for customers (a counter clerk, an admin) acts on it for them.
    /// </summary>
    public static bool MayAct(ClaimsPrincipal user, WorkItem item) =>
        // A closed item is held by nobody any more: acting on it is answered by its state (409 already completed).
        item.Status is WorkItemStatus.Completed or WorkItemStatus.Cancelled
        || item.Assignee is null
        || item.Assignee == CurrentUser.NameOf(user)
        || SecurityExtensions.IsHeadOf(user, item.Department.ToString())
        || (StepCatalogue.Of(item.Step).IsCustomerStep && !CurrentUser.IsCustomer(user) && CurrentUser.ActsForCustomers(user));

    /// <summary>The 403 for a colleague acting on an item someone else holds.</summary>
    public static ProblemHttpResult HeldBySomeoneElse(WorkItem item) =>
        Problem(StatusCodes.Status403Forbidden, "Someone else holds this work item.",
            StepCatalogue.Of(item.Step).IsCustomerStep
                ? $"{item.Assignee} is its 责任人: only they or a counter clerk acting for them may act on it."
                : $"{item.Assignee} is its 责任人: only they or the {item.Department} head may act on it (the head may reassign it).");

    public static async Task<Results<Ok<WorkItemDto[]>, ProblemHttpResult>> List<TContext>(
        TContext db, HttpContext http, string? status, Guid? applicationId, string? step, string? assignee, int? limit, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        var (page, problem) = WorklistPage(db.WorkItems.AsNoTracking(), http.User, status, applicationId, step, assignee, limit);
        if (problem is not null)
        {
            return problem;
        }
        var items = await page!.ToListAsync(cancellationToken);
        return TypedResults.Ok(items.Select(WorkItemDto.From).ToArray());
    }

    /// <summary>
    /// The first page of a worklist (earliest deadline first, items without a deadline, customer time, last), as queries
    /// read in turn until the page is full; each one returns its rows in the page's order.
    /// </summary>
    public sealed record WorklistQuery(IReadOnlyList<IQueryable<WorkItem>> Parts, int Limit)
    {
        public async Task<List<WorkItem>> ToListAsync(CancellationToken cancellationToken)
        {
            var items = new List<WorkItem>();
            foreach (var part in Parts)
            {
                if (items.Count >= Limit)
                {
                    break;
                }
                items.AddRange(await part.Take(Limit - items.Count).ToListAsync(cancellationToken));
            }
            return items;
        }
    }

    /// <summary>
    /// The worklist query of <c>GET …/work-items</c>: <paramref name="items"/> filtered as the caller may see and asks,
    /// earliest deadline first (items without a deadline, customer time, last), the first <paramref name="limit"/>
    /// (default 200) rows (<see cref="WorklistQuery"/>); or the problem with the filters. Public so the scale bench
    /// measures the queries the endpoint runs.
    /// </summary>
    public static (WorklistQuery? Page, ProblemHttpResult? Problem) WorklistPage(
        IQueryable<WorkItem> items, ClaimsPrincipal user, string? status, Guid? applicationId, string? step, string? assignee, int? limit)
    {
        var (filter, problem) = FilterOf(user, status, applicationId, step, assignee, limit);
        return filter is null ? (null, problem) : (WorklistPage(items, filter, limit), null);
    }

    /// <summary>The worklist filter of a request, or the 400 its values deserve.</summary>
    private static (WorklistFilter? Filter, ProblemHttpResult? Problem) FilterOf(
        ClaimsPrincipal user, string? status, Guid? applicationId, string? step, string? assignee, int? limit)
    {
        if (assignee is { Length: > 64 })
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid assignee.", "assignee is at most 64 characters."));
        }
        var (filter, problem) = WorklistFilter.Parse(user, status, applicationId, step, assignee);
        if (filter is null)
        {
            return (null, problem!.StartsWith("status", StringComparison.Ordinal)
                ? Problem(StatusCodes.Status400BadRequest, "Unknown status filter.", problem)
                : Problem(StatusCodes.Status400BadRequest, "Unknown step.", problem));
        }
        if (limit is < 1 or > 1000)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid limit.", "limit must be between 1 and 1000."));
        }
        return (filter, null);
    }

    private static WorklistQuery WorklistPage(IQueryable<WorkItem> items, WorklistFilter filter, int? limit)
    {
        var query = filter.Apply(items);
        // Earliest deadline first; items without a deadline (customer time) last.
        IQueryable<WorkItem>[] parts = filter.ApplicationId is null
            // A department's list: its dated items in (DueAt, OpenedAt) order, then, only if they do not fill the page, the
            // undated ones by OpenedAt. The same rows in the same order as one ORDER BY DueAt IS NULL, DueAt, OpenedAt, but
            // each part is read in index order and stops at the page (IX_WorkItems_Open_DueAt_OpenedAt for status=open)
            // instead of sorting every match.
            ? [query.Where(w => w.DueAt != null).OrderBy(w => w.DueAt).ThenBy(w => w.OpenedAt), query.Where(w => w.DueAt == null).OrderBy(w => w.OpenedAt)]
            // One application's items, a handful found through its index: sorted in one query.
            : [query.OrderBy(w => w.DueAt == null).ThenBy(w => w.DueAt).ThenBy(w => w.OpenedAt)];
        return new WorklistQuery(parts, limit ?? 200);
    }

    /// <summary>
    /// <c>GET …/work-items/stream</c> (<c>text/event-stream</c>): the worklist of <see cref="List{TContext}"/> (same
    /// filters, same authorization) kept current without polling. Events: <c>snapshot</c> (the list, first and after a
    /// resynchronisation), <c>upsert</c> (a work item that now belongs in it, as it is now), <c>remove</c> (<c>{"id"}</c>
    /// of an item that left it, e.g. completed under <c>status=open</c>), <c>heartbeat</c>. It ends when the caller's
    /// token expires; clients reconnect and get a fresh snapshot.
    /// </summary>
    public static IResult Stream<TContext>(
        TContext db, HttpContext http, WorkItemFeed feed, IOptions<WorklistStreamOptions> options,
        string? status, Guid? applicationId, string? step, string? assignee, int? limit)
        where TContext : WorkflowDbContext
    {
        var (filter, problem) = FilterOf(http.User, status, applicationId, step, assignee, limit);
        if (filter is null)
        {
            return problem!;
        }
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(ServerSentStreams.LifetimeOf(http.User));
        http.Response.RegisterForDispose(lifetime);
        return TypedResults.ServerSentEvents(StreamEvents(db, feed, filter, limit, options.Value, lifetime.Token));
    }

    private static async IAsyncEnumerable<SseItem<object>> StreamEvents<TContext>(
        TContext db, WorkItemFeed feed, WorklistFilter filter, int? limit, WorklistStreamOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        using var subscription = feed.Subscribe();
        var resyncAt = DateTime.UtcNow + options.ResyncInterval;
        var snapshot = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (snapshot || subscription.TakeOverflow())
            {
                List<WorkItem> items;
                try
                {
                    items = await WorklistPage(db.WorkItems.AsNoTracking(), filter, limit).ToListAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                yield return new SseItem<object>(items.Select(WorkItemDto.From).ToArray(), "snapshot") { ReconnectionInterval = options.ReconnectAfter };
                snapshot = false;
                resyncAt = DateTime.UtcNow + options.ResyncInterval;
            }

            var wait = options.HeartbeatInterval;
            if (options.ResyncInterval > TimeSpan.Zero && resyncAt - DateTime.UtcNow is var untilResync && untilResync < wait)
            {
                wait = untilResync > TimeSpan.Zero ? untilResync : TimeSpan.Zero;
            }
            if (!await ServerSentStreams.WaitAsync(subscription.Changes, wait, cancellationToken))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                snapshot = options.ResyncInterval > TimeSpan.Zero && DateTime.UtcNow >= resyncAt;
                if (!snapshot)
                {
                    yield return ServerSentStreams.HeartbeatEvent();
                }
                continue;
            }
            while (subscription.Changes.TryRead(out var change))
            {
                if (filter.Matches(change))
                {
                    yield return new SseItem<object>(change.Item, "upsert");
                }
                else if (filter.IsInScope(change))
                {
                    yield return new SseItem<object>(new { id = change.Item.Id }, "remove");
                }
            }
        }
    }

    public static async Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Get<TContext>(TContext db, HttpContext http, Guid id, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext =>
        await WorkItemQueries.ReadAsync(db, id, cancellationToken) is { } item && IsVisibleTo(http.User, item)
            ? TypedResults.Ok(WorkItemDto.From(item))
            : NotFound(id);

    public static Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Claim<TContext>(
        TContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, Guid id, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext =>
        Change(db, http, id, item =>
        {
            item.Claim(CurrentUser.NameOf(http), time.GetUtcNow());
            outbox.Enqueue(WorkItemEvents.Claimed(item), item.ApplicationId);
        }, cancellationToken);

    /// <summary>The head hands the item to someone of the department in the <see cref="StaffDirectory"/> (400 naming <c>assignee</c> otherwise).</summary>
    public static async Task<Results<Ok<WorkItemDto>, ValidationProblem, ProblemHttpResult>> Reassign<TContext>(
        TContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, StaffDirectory staff, Guid id, ReassignRequest request,
        CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        if (string.IsNullOrWhiteSpace(request.Assignee) || request.Assignee.Length > 64)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assignee"] = ["assignee is required: 1 to 64 characters."] },
                title: "The reassignment is not valid.");
        }
        var item = await WorkItemQueries.FindAsync(db, id, cancellationToken);
        if (item is null)
        {
            return NotFound(id);
        }
        if (!staff.WorksIn(request.Assignee, item.Department.ToString()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["assignee"] = [$"{request.Assignee} is not staff of {item.Department} in the staff directory ({staff.Version})."],
            }, title: "The reassignment is not valid.");
        }
        return (await Change(db, http, item, w =>
        {
            w.Reassign(request.Assignee, time.GetUtcNow());
            outbox.Enqueue(WorkItemEvents.Claimed(w), w.ApplicationId);
        }, cancellationToken)).Result switch
        {
            Ok<WorkItemDto> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    public static async Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Pause<TContext>(
        TContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, Guid id, PauseRequest request, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500 || TextRules.FreeTextProblem(request.Reason) is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "reason is required.", "A pause needs a reason of 1 to 500 characters of text (客户原因).");
        }
        var held = await WorkItemQueries.FindAsync(db, id, cancellationToken);
        if (held is null)
        {
            return NotFound(id);
        }
        if (!MayAct(http.User, held))
        {
            return HeldBySomeoneElse(held);
        }
        return await Change(db, http, held, item =>
        {
            var now = time.GetUtcNow();
            item.Pause(request.Reason, CurrentUser.NameOf(http), now);
            outbox.Enqueue(WorkItemEvents.Paused(item, item.Pauses[^1]), item.ApplicationId);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Resume<TContext>(
        TContext db, TimeProvider time, HttpContext http, DeadlinePlanner deadlines, IEventOutbox outbox, Guid id, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        var item = await WorkItemQueries.FindAsync(db, id, cancellationToken);
        if (item is null)
        {
            return NotFound(id);
        }
        if (!MayAct(http.User, item))
        {
            return HeldBySomeoneElse(item);
        }

        var now = time.GetUtcNow();
        // Every pause on this clock counts, including those of earlier steps sharing it.
        var clockPauses = await ClockPausesAsync(db, deadlines, item, now, cancellationToken);
        return await Change(db, http, item, w =>
        {
            var moved = w.ClockStartedAt is { } start ? deadlines.For(w.CustomerClass, w.PolicyVersion, w.Step, start, clockPauses) : null;
            w.Resume(now, moved is null ? w.DueAt : moved.DueAt, moved?.AssumedYears);
            outbox.Enqueue(WorkItemEvents.Resumed(w, w.Pauses.Single(p => p.ResumedAt == now)), w.ApplicationId);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<WorkItemDto>, ValidationProblem, ProblemHttpResult>> Complete<TContext>(
        TContext db, TimeProvider time, HttpContext http, IEventOutbox outbox, StepCompletions completions,
        Guid id, JsonElement body, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        var item = await WorkItemQueries.FindAsync(db, id, cancellationToken);
        if (item is null || !IsVisibleTo(http.User, item))
        {
            return NotFound(id);
        }
        http.Audit().Target(item.Id, item.ApplicationId).Before(item.Status.ToString());
        if (!MayAct(http.User, item))
        {
            return HeldBySomeoneElse(item);
        }
        StepTrace.LinkToOpening(System.Diagnostics.Activity.Current, item);
        if (StepCatalogue.Of(item.Step).IsCustomerStep && !CurrentUser.ActsForCustomers(http.User))
        {
            // The customer's request starts the department's clock: the department cannot start it for them.
            return Problem(StatusCodes.Status403Forbidden, "This is the customer's own step.",
                $"{StepCatalogue.Of(item.Step).EnglishName} is made by the customer, online or through a counter clerk for them.");
        }
        if (!completions.TryGet(item.Step, out var completion))
        {
            return Problem(StatusCodes.Status409Conflict, "This step is not completed here.", $"{item.Step} has no completion in this service.");
        }

        var result = completion.Evaluate(body, item);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.Errors, title: $"The {StepCatalogue.Of(item.Step).EnglishName} result is not valid.");
        }

        var user = CurrentUser.NameOf(http);
        var change = await Change(db, http, item, async w =>
        {
            var now = time.GetUtcNow();
            w.Complete(user, now, result.Outcome!);
            var completed = WorkItemEvents.Completed(w);
            // The next step hosted here too (现场勘查 → 方案答复, 设计审查 → 申请中间检查, …): opened in this commit, not through
            // the broker, and its opening told in the completion's own event.
            var opener = http.RequestServices.GetService<StepOpener<TContext>>();
            if (opener?.OpensHere(completed) == true)
            {
                completed = completed with { NextStepHandled = true, NextOpened = await opener.OpenInCompletionAsync(completed, cancellationToken) };
            }
            outbox.Enqueue(completed, w.ApplicationId);
            await result.ApplyEffectsAsync(w, new StepCompletionContext(outbox, http.RequestServices, now, cancellationToken));
        }, cancellationToken);
        return change.Result switch
        {
            Ok<WorkItemDto> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    internal static async Task<IReadOnlyList<PauseInterval>> ClockPausesAsync<TContext>(
        TContext db, DeadlinePlanner deadlines, WorkItem item, DateTimeOffset now, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        var siblings = await WorkItemQueries.ClockSiblingsAsync(db, item, cancellationToken);
        return siblings
            .Where(w => deadlines.SharesClock(w.CustomerClass, w.PolicyVersion, w.Step, item.Step))
            .Append(item)
            .SelectMany(w => w.Pauses)
            .Select(p => new PauseInterval(p.PausedAt, p.ResumedAt ?? (p.WorkItemId == item.Id ? now : p.ResumedAt), p.Reason))
            .ToArray();
    }

    private static async Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Change<TContext>(
        TContext db, HttpContext http, Guid id, Action<WorkItem> change, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext =>
        await WorkItemQueries.FindAsync(db, id, cancellationToken) is { } item
            ? await Change(db, http, item, change, cancellationToken)
            : NotFound(id);

    private static Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Change<TContext>(
        TContext db, HttpContext http, WorkItem item, Action<WorkItem> change, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext =>
        Change(db, http, item, w =>
        {
            change(w);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> and saves; the audit row (target, status before and after) commits in the same
    /// save, and a refused change (409) is audited with its status unchanged.
    /// </summary>
    private static async Task<Results<Ok<WorkItemDto>, ProblemHttpResult>> Change<TContext>(
        TContext db, HttpContext http, WorkItem item, Func<WorkItem, Task> change, CancellationToken cancellationToken)
        where TContext : WorkflowDbContext
    {
        var audit = http.Audit().Target(item.Id, item.ApplicationId).Before(item.Status.ToString());
        try
        {
            await change(item);
            audit.After(item.Status.ToString());
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(WorkItemDto.From(item));
        }
        catch (WorkItemRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The work item does not allow this now.", rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this work item first.",
                "Another user acted on this work item at the same time; reload it and try again.");
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "Work item not found.", $"There is no work item {id} in this department.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
