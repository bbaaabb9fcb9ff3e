using Microsoft.Extensions.DependencyInjection;
using YeKuo.Inspection.Infrastructure;

namespace YeKuo.Inspection.Tests;

public sealed class InspectionApp() : ServiceApp<Program>("inspectiondb", "/api/inspection")
{
    /// <summary>Runs <paramref name="query"/> on a DbContext of the service's own (its database as the service sees it).</summary>
    public async Task<T> QueryAsync<T>(Func<InspectionDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InspectionDbContext>());
    }
}
