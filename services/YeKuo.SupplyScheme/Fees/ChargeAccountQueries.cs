using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;
using YeKuo.SupplyScheme.Infrastructure;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>An application's charge account as the fee requests and consumers find it, compiled once per model.</summary>
public static class ChargeAccountQueries
{
    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, CancellationToken, Task<ChargeAccount?>>> Tracked = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid applicationId, CancellationToken _) =>
            db.ChargeAccounts.FirstOrDefault(a => a.ApplicationId == applicationId)));

    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, CancellationToken, Task<ChargeAccount?>>> Untracked = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid applicationId, CancellationToken _) =>
            db.ChargeAccounts.AsNoTracking().FirstOrDefault(a => a.ApplicationId == applicationId)));

    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, CancellationToken, Task<bool>>> Exists = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid applicationId, CancellationToken _) =>
            db.ChargeAccounts.Any(a => a.ApplicationId == applicationId)));

    /// <summary>The application's account, tracked (to be changed); null before 受理 opened it.</summary>
    public static Task<ChargeAccount?> FindAsync(SupplySchemeDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        Tracked.For(db)(db, applicationId, cancellationToken);

    /// <summary>The application's account as stored (not tracked); null before 受理 opened it.</summary>
    public static Task<ChargeAccount?> ReadAsync(SupplySchemeDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        Untracked.For(db)(db, applicationId, cancellationToken);

    /// <summary>Whether the application's account is open.</summary>
    public static Task<bool> ExistsAsync(SupplySchemeDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        Exists.For(db)(db, applicationId, cancellationToken);
}
