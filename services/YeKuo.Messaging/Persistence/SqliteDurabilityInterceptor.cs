using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// Every SQLite connection runs with full sync (a committed transaction survives a power cut, WAL included) and waits
/// for the write lock instead of failing at once when another process writes (writers of this process queue in
/// <see cref="DatabaseWriteGate"/> first). The settings belong to the physical connection, so they are sent once per
/// physical connection: Microsoft.Data.Sqlite pools them, and a pooled connection opened again keeps them.
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    // The native handle outlives the ADO.NET connection objects that borrow it from the pool; it is the physical connection.
    private readonly ConditionalWeakTable<sqlite3, object?> _configured = new();

    public static string WithBusyTimeout(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true }.ToString();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNewPhysicalConnection(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Configured(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNewPhysicalConnection(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Configured(connection);
        }
    }

    // A physical connection is used by one logical connection at a time: no race between the check and the mark.
    private bool IsNewPhysicalConnection(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !_configured.TryGetValue(handle, out _);

    private void Configured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, null);
        }
    }
}
