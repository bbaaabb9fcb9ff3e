using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace YeKuo.Messaging.Persistence;

/// <summary>Applies the provider's migrations at start-up and switches SQLite to WAL (persistent in the file).</summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        // A database made before the migrations were folded into one baseline (2026-12-05) has a history this build
        // does not know; migrating it would fail on "table already exists". Say what to do instead.
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"{db.GetType().Name}: the database has migrations this build does not know ({string.Join(", ", unknown)}). "
                + "It predates the baseline migration: remove the local state once (rm -rf .yekuo) and start again.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Length > 0)
        {
            logger.LogInformation("{Context}: applied migrations {Migrations}", db.GetType().Name, string.Join(", ", pending));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
