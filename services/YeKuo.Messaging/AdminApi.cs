using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.ErrorQueues;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging;

/// <summary>
/// Operator endpoints every service has: poison messages (<c>/admin/messaging</c>), database backup
/// (<c>/admin/database</c>) and the audit trail (<c>/admin/audit</c>).
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapErrorQueuesApi();
        app.MapPost("/admin/database/backup", Backup).WithTags("Database administration");
        app.MapAuditApi();
        return app;
    }

    public static async Task<Results<Ok<DatabaseBackup.BackupResult>, ProblemHttpResult>> Backup(
        DatabaseBackup backup, ServiceDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await backup.TakeAsync(database.ContextType, cancellationToken));
        }
        catch (NotSupportedException ex)
        {
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "No online backup for this provider.", Detail = ex.Message });
        }
    }
}
