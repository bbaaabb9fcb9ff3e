using Microsoft.EntityFrameworkCore;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.SupplyScheme.Infrastructure;

public class SupplySchemeDbContext(DbContextOptions options) : WorkflowDbContext(options);

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteSupplySchemeDbContext(DbContextOptions<SqliteSupplySchemeDbContext> options) : SupplySchemeDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerSupplySchemeDbContext(DbContextOptions<SqlServerSupplySchemeDbContext> options) : SupplySchemeDbContext(options);
