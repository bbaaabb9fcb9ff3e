using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// An online, consistent copy of the service's SQLite database (<c>VACUUM INTO</c>: a snapshot of one transaction,
/// WAL included, taken while the service keeps running). SQL Server deployments use the server's own backups.
/// </summary>
public sealed class DatabaseBackup(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
{
    public sealed record BackupResult(string Path, long Bytes, DateTimeOffset TakenAt);

    public string Directory => configuration["Backup:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "backups");

    public async Task<BackupResult> TakeAsync(Type contextType, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
        if (!db.Database.IsSqlite())
        {
            throw new NotSupportedException("Online backup here is for SQLite; back up SQL Server with the server's own tools.");
        }

        System.IO.Directory.CreateDirectory(Directory);
        var takenAt = time.GetUtcNow();
        var path = Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(db.Database.GetDbConnection().DataSource)}-{takenAt:yyyyMMdd-HHmmss-fff}.db");
        // The path is ours (configuration + a timestamp, no request input) and quoted; VACUUM INTO takes no parameters.
        var statement = "VACUUM INTO '" + path.Replace("'", "''") + "'";
        await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        return new BackupResult(path, new FileInfo(path).Length, takenAt);
    }
}
