using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Worklists;

namespace YeKuo.Acceptance.Apis;

/// <summary>The customer's progress query (cached in Redis), the deviation analysis and the 客户经理 worklist.</summary>
public static class ProgressApi
{
    public const string CacheHeader = "X-Progress-Cache";

    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DepartmentCatalogue.ApiPrefixOf(Department.Acceptance)).WithTags("Progress");
        api.MapGet("/{id:guid}/progress", GetProgress).RequireAuthorization(Policies.CustomerOrStaff);
        api.MapGet("/{id:guid}/progress/stream", StreamProgress).RequireAuthorization(Policies.CustomerOrStaff);
        // The platform team reads it too (the web front end's Gantt chart): no personal data in it.
        api.MapGet("/{id:guid}/deviation", GetDeviation).RequireAuthorization(Policies.DeviationReader);
        // The same analysis under the name of what it is: the application's schedule network, re-planned on every event.
        api.MapGet("/{id:guid}/network", GetDeviation).RequireAuthorization(Policies.DeviationReader);
        api.MapGet("/managers/{manager}/worklist", Worklist).RequireAuthorization(Policies.CustomerManager);
        return app;
    }

    /// <summary>The customer-facing subset; header <c>X-Progress-Cache</c> says hit, miss or bypass.</summary>
    public static async Task<Results<Ok<CustomerProgress>, ProblemHttpResult>> GetProgress(
        Guid id, ProgressCache cache, ProgressReader reader, AcceptanceDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (cached, outcome) = await cache.GetAsync(id, reader, cancellationToken);
        if (cached is null || !await CanSeeAsync(db, http, id, cached, cancellationToken))
        {
            return NotFound(id);
        }
        http.Response.Headers[CacheHeader] = outcome.ToString().ToLowerInvariant();
        return TypedResults.Ok(cached.Progress);
    }

    /// <summary>
    /// <c>GET /api/applications/{id}/progress/stream</c> (<c>text/event-stream</c>): the same view as <see cref="GetProgress"/>,
    /// for the same callers, as a <c>progress</c> event at once and again after every change of the application (read
    /// from the database, never a cache that may lag the change), with <c>heartbeat</c> events in between. It ends when
    /// the caller's token expires.
    /// </summary>
    public static async Task<IResult> StreamProgress(
        Guid id, ProgressReader reader, ApplicationChanges changes, AcceptanceDbContext db, HttpContext http,
        IOptions<WorklistStreamOptions> options, CancellationToken cancellationToken)
    {
        var subscription = changes.Subscribe(id);
        http.Response.RegisterForDispose(subscription);
        var first = await reader.LoadAsync(id, cancellationToken);
        if (first is null || !await CanSeeAsync(db, http, id, new CachedProgress(first.Application.CustomerId, ProgressReader.ToCustomerView(first)), cancellationToken))
        {
            return NotFound(id);
        }
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(ServerSentStreams.LifetimeOf(http.User));
        http.Response.RegisterForDispose(lifetime);
        return TypedResults.ServerSentEvents(ProgressEvents(id, ProgressReader.ToCustomerView(first), reader, subscription, options.Value, lifetime.Token));
    }

    private static async IAsyncEnumerable<SseItem<object>> ProgressEvents(
        Guid id, CustomerProgress first, ProgressReader reader, ApplicationChanges.Subscription subscription, WorklistStreamOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<object>(first, "progress") { ReconnectionInterval = options.ReconnectAfter };
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await ServerSentStreams.WaitAsync(subscription.Changed, options.HeartbeatInterval, cancellationToken))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                yield return ServerSentStreams.HeartbeatEvent();
                continue;
            }
            subscription.Changed.TryRead(out _);
            ProgressSnapshot? snapshot;
            try
            {
                snapshot = await reader.LoadAsync(id, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            if (snapshot is not null)
            {
                yield return new SseItem<object>(ProgressReader.ToCustomerView(snapshot), "progress");
            }
        }
    }

    /// <summary>
    /// <c>GET /api/applications/{id}/network</c> (or <c>/deviation</c>): the application's schedule network with plan vs
    /// actual, ES/EF/LS/LF, total and free float, the critical path of what is left, the customer's waits and the
    /// power-on forecast, re-planned from the database at every read (so after every event).
    /// </summary>
    public static async Task<Results<Ok<DeviationReport>, ProblemHttpResult>> GetDeviation(
        Guid id, ProgressReader reader, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(id, cancellationToken);
        if (snapshot is null || !CurrentUser.CanSee(http.User, snapshot.Application.CustomerId, snapshot.Application.CustomerManager))
        {
            return NotFound(id);
        }
        return TypedResults.Ok(snapshot.Network!);
    }

    public static async Task<Results<Ok<IReadOnlyList<WorklistEntry>>, ValidationProblem, ForbidHttpResult>> Worklist(
        string manager, ManagerWorklist worklist, HttpContext http, CancellationToken cancellationToken)
    {
        // A 客户经理 reads their own worklist; heads and admins anyone's.
        if (CurrentUser.IsManagerOnly(http.User) && manager != CurrentUser.NameOf(http))
        {
            return TypedResults.Forbid();
        }
        if (string.IsNullOrWhiteSpace(manager) || manager.Length > 64)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["manager"] = ["manager must be a 客户经理 name of 1 to 64 characters."] },
                title: "Unknown 客户经理.");
        }
        return TypedResults.Ok(await worklist.ForAsync(manager, cancellationToken));
    }

    /// <summary>
    /// Customers see only their own applications, 客户经理 only their customers' (others: 404, not 403). The owner in
    /// the cache is exact (an application's customer never changes), so a customer's read costs no database query; the
    /// 客户经理 is assigned at acceptance and may change, so a manager's read checks the database.
    /// </summary>
    private static async Task<bool> CanSeeAsync(AcceptanceDbContext db, HttpContext http, Guid id, CachedProgress cached, CancellationToken cancellationToken)
    {
        if (CurrentUser.IsCustomer(http.User))
        {
            return CurrentUser.CanSee(http.User, cached.CustomerId);
        }
        if (!CurrentUser.IsManagerOnly(http.User))
        {
            return true;
        }
        var manager = await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.CustomerManager).FirstOrDefaultAsync(cancellationToken);
        return CurrentUser.CanSee(http.User, cached.CustomerId, manager);
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = "Application not found.", Detail = $"There is no application {id}.",
    });
}
