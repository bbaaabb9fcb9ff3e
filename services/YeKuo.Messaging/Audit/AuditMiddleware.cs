using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Messaging.Audit;

/// <summary>
/// Records every state-changing request (POST, PUT, PATCH, DELETE) that reached an endpoint with a validated token,
/// whatever the answer (2xx, 400, 403, 404, 409, 5xx): one <see cref="AuditEntry"/> per request. It runs outermost
/// (before routing and the exception handler) so it sees the final status code. Requests without a valid token (401)
/// and paths matching no endpoint are not recorded: there is nobody to attribute them to and nothing was touched.
/// <para>
/// A write the gateway sends again because the first copy's answer was lost (<see cref="RequestHeaders.Resent"/>; the
/// service was killed while working on it) is answered 409 "already carried out" when that first copy committed: its
/// row (same request id, subject and method, answered 2xx, within <see cref="ResendWindow"/>) committed with the change.
/// Otherwise it is carried out like any request.
/// </para>
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IServiceScopeFactory scopes, ServiceDatabase database, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    /// <summary>The title of the 409 answering a resend whose first copy committed.</summary>
    public const string AlreadyCarriedOutTitle = "This request was already carried out.";

    /// <summary>How long after a request its resend is matched to it (a resend comes within the gateway's hold).</summary>
    public static readonly TimeSpan ResendWindow = TimeSpan.FromHours(1);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsStateChanging(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (context.Request.Headers.ContainsKey(RequestHeaders.Resent) && await FirstCopyAsync(context) is { } first)
        {
            await AnswerAlreadyCarriedOutAsync(context, first);
            return;
        }

        var record = new AuditRecord(new AuditEntry
        {
            OccurredAt = time.GetUtcNow(),
            Subject = "anonymous",
            Method = MethodOf(context),
            Route = "",
            RequestId = RequestIdOf(context),
            TraceId = Activity.Current?.TraceId.ToHexString(),
        });
        context.Features.Set(record);
        try
        {
            await next(context);
        }
        finally
        {
            record.Close();
            await FinishAsync(context, record);
        }
    }

    private async Task FinishAsync(HttpContext context, AuditRecord record)
    {
        // The exception handler clears the endpoint and route values before answering; its feature keeps them.
        var exception = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = context.GetEndpoint() as RouteEndpoint ?? exception?.Endpoint as RouteEndpoint;
        if (endpoint is null || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var entry = record.Entry;
        var statusCode = context.Response.StatusCode;
        // The row committed with the state change (AuditSaveInterceptor), with the endpoint's success status: the
        // usual end of a write, which needs nothing more (not even a context from the pool).
        if (record.Committed && entry.StatusCode == statusCode)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            if (record.Committed)
            {
                // Only a request that ended otherwise than its committed row says needs a second write.
                using var turn = await db.WriteTurnAsync(CancellationToken.None);
                await db.AuditEntries.Where(e => e.Id == entry.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.StatusCode, statusCode), CancellationToken.None);
                return;
            }

            // Nothing of this request committed (refused, invalid or failed), so the target's status did not change;
            // the row is written right after the request, on its own.
            var row = new AuditEntry
            {
                OccurredAt = entry.OccurredAt,
                Subject = entry.Subject,
                Method = entry.Method,
                Route = entry.Route,
                TargetId = entry.TargetId,
                ApplicationId = entry.ApplicationId,
                RequestId = entry.RequestId,
                TraceId = entry.TraceId,
                StatusCode = statusCode,
                StatusBefore = entry.StatusBefore,
                StatusAfter = entry.StatusBefore,
            };
            Fill(row, context.User, endpoint, context.Request.RouteValues.Count > 0 ? context.Request.RouteValues : exception?.RouteValues);
            db.AuditEntries.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not write the audit entry of {Method} {Route} (request {RequestId})", entry.Method, RouteOf(endpoint), entry.RequestId);
        }
    }

    /// <summary>The committed row of this request's first copy, when it committed.</summary>
    private async Task<AuditEntry?> FirstCopyAsync(HttpContext context)
    {
        var authenticated = await context.AuthenticateAsync();
        if (authenticated is not { Succeeded: true, Principal: { } user })
        {
            // Nobody to match: the pipeline answers it like any request (401).
            return null;
        }
        var requestId = RequestIdOf(context);
        var subject = SubjectOf(user);
        var method = MethodOf(context);
        await using var scope = scopes.CreateAsyncScope();
        var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var copies = await db.AuditEntries.AsNoTracking()
            .Where(e => e.RequestId == requestId && e.Subject == subject && e.Method == method)
            .ToListAsync(context.RequestAborted);
        var since = time.GetUtcNow() - ResendWindow;
        return copies.Where(e => e.StatusCode is >= 200 and < 300 && e.OccurredAt >= since).MinBy(e => e.Id);
    }

    private async Task AnswerAlreadyCarriedOutAsync(HttpContext context, AuditEntry first)
    {
        logger.LogInformation("Resent {Method} {Route} (request {RequestId}) had committed at {At:u}; answered 409, not carried out again",
            first.Method, first.Route, first.RequestId, first.OccurredAt);
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = AlreadyCarriedOutTitle,
                Detail = $"Its answer was lost when the service stopped; it was not carried out again. Request {first.RequestId} was answered {first.StatusCode} at {first.OccurredAt:u}.",
            },
        };
        problem.ProblemDetails.Extensions["requestId"] = first.RequestId;
        problem.ProblemDetails.Extensions["answeredStatus"] = first.StatusCode;
        if (first.TargetId is { } target)
        {
            problem.ProblemDetails.Extensions["targetId"] = target;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(problem);
    }

    /// <summary>Who, which endpoint and (unless the endpoint named it) which resource: from the token and the route only.</summary>
    internal static void Fill(AuditEntry entry, ClaimsPrincipal user, RouteEndpoint? endpoint, RouteValueDictionary? routeValues)
    {
        entry.Subject = SubjectOf(user);
        entry.Role = Truncate(ClaimsOf(user, ClaimNames.Role), 64);
        entry.Department = Truncate(ClaimsOf(user, ClaimNames.Department), 32);
        if (endpoint is not null)
        {
            entry.Route = RouteOf(endpoint);
        }
        entry.TargetId ??= GuidFromRoute(routeValues);
    }

    /// <summary>The status an endpoint answers when it succeeds: its lowest declared 2xx (<c>TypedResults</c> declare theirs), else 200.</summary>
    internal static int SuccessStatusOf(Endpoint? endpoint)
    {
        var success = int.MaxValue;
        foreach (var produces in endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>() ?? [])
        {
            if (produces.StatusCode is >= 200 and < 300 && produces.StatusCode < success)
            {
                success = produces.StatusCode;
            }
        }
        return success == int.MaxValue ? StatusCodes.Status200OK : success;
    }

    public static bool IsStateChanging(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>The route template with parameter names only (<c>/api/inspection/work-items/{id}/complete</c>): never a value from the path.</summary>
    public static string RouteOf(RouteEndpoint endpoint) => RouteTemplates.GetValue(endpoint, TemplateOf);

    // Built once per endpoint, not on every write; kept only as long as the endpoint (a host's, or a test host's).
    private static readonly ConditionalWeakTable<RouteEndpoint, string> RouteTemplates = new();

    private static string TemplateOf(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + (parameter.IsCatchAll ? "*" : "") + parameter.Name + "}",
            _ => "",
        })));
        return Truncate("/" + string.Join('/', segments), 200)!;
    }

    private static string RequestIdOf(HttpContext context)
    {
        var header = context.Request.Headers[RequestHeaders.RequestId].ToString();
        return header.Length is > 0 and <= 128 && header.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? header
            : Truncate(context.TraceIdentifier, 128)!;
    }

    /// <summary>The resource id in the route (<c>{id}</c>, <c>{workItemId}</c>, ...), when it is a GUID; other route values are not recorded.</summary>
    private static Guid? GuidFromRoute(RouteValueDictionary? values)
    {
        if (values is null)
        {
            return null;
        }
        foreach (var name in new[] { "id", "workItemId" })
        {
            if (values.TryGetValue(name, out var value) && Guid.TryParse(value?.ToString(), out var id))
            {
                return id;
            }
        }
        foreach (var (_, value) in values)
        {
            if (value is Guid guid || Guid.TryParse(value?.ToString(), out guid))
            {
                return guid;
            }
        }
        return null;
    }

    /// <summary>Who the audit says did it: the token's subject, as recorded (and as a resend is matched).</summary>
    private static string SubjectOf(ClaimsPrincipal user) => Truncate(UserAccess.SubjectOf(user), 64)!;

    private static string MethodOf(HttpContext context) => context.Request.Method.ToUpperInvariant();

    private static string? ClaimsOf(ClaimsPrincipal user, string type) =>
        user.FindAll(type).Select(c => c.Value).ToArray() is { Length: > 0 } values ? string.Join(',', values) : null;

    private static string? Truncate(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}

/// <summary>Puts <see cref="AuditMiddleware"/> in front of every pipeline of a host with a service database.</summary>
internal sealed class AuditStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<AuditMiddleware>();
        next(app);
    };
}
