using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Audit;

/// <summary>
/// Takes the request's audit row into the request's first save of the service's own database, so the state change
/// and its audit row commit in one transaction: if the change committed, so did the row. A save that fails leaves the
/// row to the next save (e.g. after a retry) or to <see cref="AuditMiddleware"/>, which writes it once the request ends.
/// </summary>
internal sealed class AuditSaveInterceptor(IHttpContextAccessor accessor) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Join(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Join(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Record(eventData.Context)?.Saved(eventData.Context!);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context)?.Saved(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    private void Join(DbContext? context)
    {
        // Only a save of the service's own database, outside an explicit transaction (which could still roll back:
        // then the middleware writes the row after the request).
        if (context is not ServiceDbContext || accessor.HttpContext is not { } http || Record(context) is not { CanJoin: true } record
            || context.Database.CurrentTransaction is not null)
        {
            return;
        }
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        AuditMiddleware.Fill(record.Entry, http.User, endpoint, http.Request.RouteValues);
        // The answer a committed change gets, so the row commits complete in this one transaction; the recorder corrects
        // it afterwards in the rare case the request ends otherwise.
        record.Entry.StatusCode = AuditMiddleware.SuccessStatusOf(endpoint);
        if (context.Entry(record.Entry).State == EntityState.Detached)
        {
            context.Add(record.Entry);
        }
        record.SavingIn(context);
    }

    private AuditRecord? Record(DbContext? context) =>
        context is null ? null : accessor.HttpContext?.Features.Get<AuditRecord>();
}
