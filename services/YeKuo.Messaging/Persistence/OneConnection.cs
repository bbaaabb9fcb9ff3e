using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// Keeps the service database's connection open for a whole request that reads and writes several times (find the
/// item, check the handoff, save): EF Core opens and closes it around each operation, and each SQLite open registers
/// EF Core's functions on it again (≈ 1 % of the machine's CPU in the e2e drive, 2026-12-07). Not for long-lived
/// requests (worklist streams), which would hold a connection while they wait.
/// </summary>
public static class OneConnection
{
    public static RouteHandlerBuilder WithOneConnection<TContext>(this RouteHandlerBuilder builder) where TContext : DbContext =>
        builder.AddEndpointFilter(OpenForRequest<TContext>);

    public static RouteGroupBuilder WithOneConnection<TContext>(this RouteGroupBuilder builder) where TContext : DbContext =>
        builder.AddEndpointFilter(OpenForRequest<TContext>);

    /// <summary>
    /// Runs <paramref name="work"/> with the database's connection open throughout: a request's reads and writes, a
    /// consume's inbox check, reads and save (one message, or a batch).
    /// </summary>
    public static async Task OnOneConnectionAsync(this DbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await work();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async ValueTask<object?> OpenForRequest<TContext>(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        where TContext : DbContext
    {
        object? result = null;
        await context.HttpContext.RequestServices.GetRequiredService<TContext>()
            .OnOneConnectionAsync(async () => result = await next(context), context.HttpContext.RequestAborted);
        return result;
    }
}
