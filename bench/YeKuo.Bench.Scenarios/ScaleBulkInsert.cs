using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// One prepared <c>INSERT</c> for one entity type of a service's DbContext, for seeding (the scale and progress benches):
/// the table, the columns, the value converters (enums as text, instants as UTC ticks, plans as comma lists) and the
/// parameter types all come from the service's own EF model, so a seeded row is exactly what EF would have written.
/// Rows come either from entity instances (read through the model's getters, private setters included) or as values
/// in the order of the property names given.
/// </summary>
public sealed class SqliteBulkInserter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly Column[] _columns;

    private sealed record Column(IProperty Property, ValueConverter? Converter, SqliteParameter Parameter);

    public SqliteBulkInserter(DbContext model, SqliteConnection connection, SqliteTransaction transaction, Type entityType, IReadOnlyList<string>? propertyNames = null)
    {
        var entity = model.Model.FindEntityType(entityType) ?? throw new ArgumentException($"{entityType.Name} is not in the model of {model.GetType().Name}.");
        var table = entity.GetTableName() ?? throw new ArgumentException($"{entityType.Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = propertyNames is null
            ? entity.GetProperties().Where(p => p.GetColumnName(store) is not null && p.ValueGenerated != ValueGenerated.OnAdd || p.IsPrimaryKey()).ToList()
            : propertyNames.Select(n => entity.FindProperty(n) ?? throw new ArgumentException($"{entityType.Name} has no property {n}.")).ToList();
        var missing = entity.GetProperties().Where(p => !p.IsNullable && !properties.Contains(p) && p.ValueGenerated == ValueGenerated.Never).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{entityType.Name}: required properties not given: {string.Join(", ", missing)}.");
        }

        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _columns = new Column[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = property.GetRelationalTypeMapping();
            // The mapping configures the parameter (e.g. Guid as TEXT); values are converted per row below.
            var parameter = (SqliteParameter)mapping.CreateParameter(_command, "@p" + i, null, property.IsNullable);
            _command.Parameters.Add(parameter);
            _columns[i] = new Column(property, mapping.Converter, parameter);
        }
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => "\"" + p.GetColumnName(store) + "\""))}) " +
                               $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter.ParameterName))})";
        _command.Prepare();
    }

    public long Rows { get; private set; }

    /// <summary>Inserts <paramref name="entity"/>, reading every column through the model.</summary>
    public void Add(object entity)
    {
        foreach (var column in _columns)
        {
            Set(column, column.Property.GetGetter().GetClrValue(entity));
        }
        Execute();
    }

    /// <summary>Inserts one row given as model (CLR) values in the order of the property names.</summary>
    public void AddValues(params object?[] values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} values, got {values.Length}.");
        }
        for (var i = 0; i < values.Length; i++)
        {
            Set(_columns[i], values[i]);
        }
        Execute();
    }

    private static void Set(Column column, object? value)
    {
        if (value is null)
        {
            column.Parameter.Value = DBNull.Value;
            return;
        }
        column.Parameter.Value = column.Converter is { } converter ? converter.ConvertToProvider(value) ?? DBNull.Value : value;
    }

    private void Execute()
    {
        _command.ExecuteNonQuery();
        Rows++;
    }

    public void Dispose() => _command.Dispose();

    /// <summary>A connection tuned for a one-off bulk load (never for serving): WAL, no fsync, a large page cache.</summary>
    public static SqliteConnection OpenForSeeding(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
