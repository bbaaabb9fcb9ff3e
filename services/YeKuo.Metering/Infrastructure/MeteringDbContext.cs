using Microsoft.EntityFrameworkCore;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Metering.Infrastructure;

public class MeteringDbContext(DbContextOptions options) : WorkflowDbContext(options);

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteMeteringDbContext(DbContextOptions<SqliteMeteringDbContext> options) : MeteringDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerMeteringDbContext(DbContextOptions<SqlServerMeteringDbContext> options) : MeteringDbContext(options);
