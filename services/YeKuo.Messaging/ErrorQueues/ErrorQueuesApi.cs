using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace YeKuo.Messaging.ErrorQueues;

/// <summary>
/// <c>/admin/messaging/error-queues</c>: list error queues, browse poison messages with their failure reason, replay
/// one (<c>?messageId=</c>) or all.
/// </summary>
public static class ErrorQueuesApi
{
    public static RouteGroupBuilder MapErrorQueuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/admin/messaging/error-queues").WithTags("Messaging administration");
        api.MapGet("/", async (ErrorQueueAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct)));
        api.MapGet("/{errorQueue}/messages", Browse);
        api.MapPost("/{errorQueue}/replay", Replay);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<FailedMessage>>, ProblemHttpResult>> Browse(
        string errorQueue, int? limit, ErrorQueueAdmin admin, ReceiveEndpointRegistry endpoints, CancellationToken cancellationToken)
    {
        if (!endpoints.IsErrorQueueOfThisService(errorQueue))
        {
            return UnknownQueue(errorQueue);
        }
        if (limit is < 1 or > 1000)
        {
            return TypedResults.Problem(new ProblemDetails { Status = 400, Title = "Invalid limit.", Detail = "limit must be 1 to 1000." });
        }
        return TypedResults.Ok(await admin.BrowseAsync(errorQueue, limit ?? 100, cancellationToken));
    }

    public static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> Replay(
        string errorQueue, string? messageId, ErrorQueueAdmin admin, ReceiveEndpointRegistry endpoints, CancellationToken cancellationToken)
    {
        if (!endpoints.IsErrorQueueOfThisService(errorQueue))
        {
            return UnknownQueue(errorQueue);
        }
        var result = await admin.ReplayAsync(errorQueue, messageId, cancellationToken);
        return messageId is not null && result.Replayed == 0
            ? TypedResults.Problem(new ProblemDetails { Status = 404, Title = "Message not found.", Detail = $"No message {messageId} in {errorQueue}." })
            : TypedResults.Ok(result);
    }

    private static ProblemHttpResult UnknownQueue(string errorQueue) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Unknown error queue.",
            Detail = $"{errorQueue} is not the error queue of an endpoint of this service.",
        });
}
