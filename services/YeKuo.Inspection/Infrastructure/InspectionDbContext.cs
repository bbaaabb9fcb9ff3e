using Microsoft.EntityFrameworkCore;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Inspection.Infrastructure;

public class InspectionDbContext(DbContextOptions options) : WorkflowDbContext(options);

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteInspectionDbContext(DbContextOptions<SqliteInspectionDbContext> options) : InspectionDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerInspectionDbContext(DbContextOptions<SqlServerInspectionDbContext> options) : InspectionDbContext(options);
