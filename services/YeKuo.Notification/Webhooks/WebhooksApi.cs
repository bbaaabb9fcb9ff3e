using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Notification.Infrastructure;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Notification.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes);

/// <summary>A subscription as listed (no secret).</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt);

/// <summary>The answer to creating a subscription: the only time the secret is shown.</summary>
public sealed record CreatedWebhookDto(Guid Id, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookAttemptDto(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookDeliveryDto(
    Guid Id, string EventId, string EventType, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError, IReadOnlyList<WebhookAttemptDto> AttemptLog);

/// <summary>
/// Webhook subscriptions for partners without AMQP: <c>POST/GET /api/notifications/webhooks</c>,
/// <c>DELETE /api/notifications/webhooks/{id}</c>, <c>GET /api/notifications/webhooks/{id}/deliveries</c> (the delivery
/// log, newest first). A partner sees only its own subscriptions.
/// </summary>
public static class WebhooksApi
{
    public const int MaxUrlLength = 2000;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{DepartmentCatalogue.ApiPrefixOf(Department.Notification)}/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Partner);
        api.MapPost("", Create);
        api.MapGet("", List);
        api.MapDelete("/{id:guid}", Delete);
        api.MapGet("/{id:guid}/deliveries", Deliveries);
        return app;
    }

    public static async Task<Results<Created<CreatedWebhookDto>, ValidationProblem>> Create(
        CreateWebhookRequest request, NotificationDbContext db, TimeProvider time, WebhookTargetPolicy targets, IOptions<WebhookOptions> options,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var url = await ValidateUrlAsync(request.Url, targets, options.Value, errors, cancellationToken);
        var types = request.EventTypes ?? [];
        if (types.Count == 0)
        {
            errors["eventTypes"] = [$"eventTypes must name at least one of: {string.Join(", ", PartnerEventMapper.Types)}."];
        }
        else if (types.Where(t => !PartnerEventMapper.Types.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            errors["eventTypes"] = [$"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", PartnerEventMapper.Types)}."];
        }
        if (errors.Count > 0 || url is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The webhook subscription is not valid.");
        }

        var subscription = WebhookSubscription.Create(OwnerOf(http), url, types, time.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/webhooks/{subscription.Id}",
            new CreatedWebhookDto(subscription.Id, subscription.Url, subscription.EventTypes, subscription.CreatedAt, subscription.Secret));
    }

    public static async Task<Ok<WebhookDto[]>> List(NotificationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(http);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Owner == owner).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.OrderBy(s => s.CreatedAt).Select(s => new WebhookDto(s.Id, s.Url, s.EventTypes, s.CreatedAt)).ToArray());
    }

    public static async Task<Results<NoContent, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Delete(
        Guid id, NotificationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(http);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookDeliveryDto[]>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Deliveries(
        Guid id, NotificationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(http);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id && s.Owner == owner, cancellationToken))
        {
            return NotFound(id);
        }
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog)
            .Where(d => d.SubscriptionId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(deliveries.OrderByDescending(d => d.CreatedAt).Take(500).Select(d => new WebhookDeliveryDto(
            d.Id, d.EventId, d.EventType, d.Subject, d.Status.ToString(), d.Attempts, d.CreatedAt,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt, d.LastStatusCode, d.LastError,
            d.AttemptLog.OrderBy(a => a.Number).Select(a => new WebhookAttemptDto(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs)).ToArray())).ToArray());
    }

    /// <summary>
    /// http/https, absolute, no credentials, and a host <see cref="WebhookTargetPolicy"/> allows (resolved now; the
    /// dispatcher checks again where it connects, since DNS can change).
    /// </summary>
    internal static async Task<Uri?> ValidateUrlAsync(
        string? value, WebhookTargetPolicy targets, WebhookOptions options, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxUrlLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors["url"] = [$"url must be an absolute http or https URL of at most {MaxUrlLength} characters."];
            return null;
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors["url"] = ["url must not carry credentials; the signature authenticates deliveries."];
            return null;
        }
        using var resolving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        resolving.CancelAfter(options.RequestTimeout);
        WebhookTarget target;
        try
        {
            target = await targets.CheckAsync(WebhookTargetPolicy.HostOf(url), resolving.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            target = WebhookTarget.Refused(url.Host, $"{url.Host} did not resolve in time.");
        }
        if (!target.IsAllowed)
        {
            errors["url"] = [$"url is not allowed: {target.Refusal}"];
            return null;
        }
        return url;
    }

    private static string OwnerOf(HttpContext http) =>
        http.User.FindFirstValue("sub") ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity?.Name ?? "anonymous";

    private static NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Webhook subscription not found.",
            Detail = $"There is no webhook subscription {id} of yours.",
        });
}
