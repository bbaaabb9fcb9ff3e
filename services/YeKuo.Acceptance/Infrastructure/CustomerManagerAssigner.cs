using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using YeKuo.Acceptance.Domain;

namespace YeKuo.Acceptance.Infrastructure;

/// <summary>
/// 一对一 (seed 004): a customer's 客户经理 is chosen once, when their first application is accepted, and every later
/// application gets the same one. The first choice goes to the manager with the fewest customers (ties: the pool's order).
/// </summary>
public sealed class CustomerManagerAssigner(
    AcceptanceDbContext db, IServiceScopeFactory scopes, IOptions<CustomerManagerOptions> options, ILogger<CustomerManagerAssigner> logger)
{
    /// <summary>Is <paramref name="name"/> one of the configured 客户经理?</summary>
    public bool IsManager(string name) => options.Value.Names.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The customer's manager, assigning one on the first call. The assignment commits on its own, keyed by the
    /// customer: of two concurrent first acceptances one insert wins and the other reads the winner.
    /// </summary>
    public async Task<string> ManagerOfAsync(string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(db, customerId, cancellationToken) is { } current)
        {
            return current;
        }

        var candidate = await LeastLoadedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>();
        own.CustomerManagers.Add(CustomerManagerAssignment.First(customerId, candidate, now));
        try
        {
            // In a transaction of its own: the request's audit row then joins the request's own change (the 受理), not this.
            var (transaction, sqlite) = await BeginAsync(own, cancellationToken);
            await using (sqlite)
            await using (transaction)
            {
                await own.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return candidate;
        }
        catch (DbUpdateException ex)
        {
            own.ChangeTracker.Clear();
            var winner = await CurrentAsync(own, customerId, cancellationToken);
            if (winner is null)
            {
                throw;
            }
            logger.LogDebug(ex, "Customer {CustomerId} was given 客户经理 {Manager} by a concurrent acceptance", customerId, winner);
            return winner;
        }
    }

    /// <summary>
    /// SQLite's default transaction (BEGIN IMMEDIATE) would take the write lock before the save waits for the process's
    /// write turn, while the writer holding that turn waits for the lock: concurrent acceptances then met at
    /// "database is locked". A deferred one takes the lock at the insert, inside the turn; its SQLite transaction is
    /// returned too, to be disposed (rolled back unless committed). SQL Server has no such turn.
    /// </summary>
    private static async Task<(IDbContextTransaction Transaction, SqliteTransaction? Sqlite)> BeginAsync(
        AcceptanceDbContext context, CancellationToken cancellationToken)
    {
        if (!context.Database.IsSqlite())
        {
            return (await context.Database.BeginTransactionAsync(cancellationToken), null);
        }
        await context.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = ((SqliteConnection)context.Database.GetDbConnection()).BeginTransaction(deferred: true);
        var transaction = await context.Database.UseTransactionAsync(sqlite, cancellationToken)
            ?? throw new InvalidOperationException("The deferred transaction was not taken up.");
        return (transaction, sqlite);
    }

    private static Task<string?> CurrentAsync(AcceptanceDbContext context, string customerId, CancellationToken cancellationToken) =>
        context.CustomerManagers.AsNoTracking().Where(a => a.CustomerId == customerId)
            .Select(a => a.CustomerManager).FirstOrDefaultAsync(cancellationToken);

    private async Task<string> LeastLoadedAsync(CancellationToken cancellationToken)
    {
        var pool = options.Value.Names;
        if (pool.Count == 0)
        {
            throw new InvalidOperationException("CustomerManagers:Names is empty; configure the 客户经理 pool.");
        }

        var load = await db.CustomerManagers.AsNoTracking()
            .GroupBy(a => a.CustomerManager)
            .Select(g => new { Manager = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Manager, x => x.Count, cancellationToken);
        return pool.OrderBy(name => load.GetValueOrDefault(name)).ThenBy(pool.IndexOf).First();
    }
}
