using Microsoft.EntityFrameworkCore;
using YeKuo.Metering.Fees;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Metering.Infrastructure;

public class MeteringDbContext(DbContextOptions options) : WorkflowDbContext(options)
{
    public DbSet<ChargeClearance> ChargeClearances => Set<ChargeClearance>();

    public DbSet<HeldHandoff> HeldHandoffs => Set<HeldHandoff>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ChargeClearance>(clearance =>
        {
            clearance.ToTable("ChargeClearances");
            clearance.HasKey(c => c.ApplicationId);
            clearance.Property(c => c.Total).HasPrecision(14, 2);
            clearance.Property(c => c.Paid).HasPrecision(14, 2);
            clearance.Ignore(c => c.IsSettled);
            clearance.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<HeldHandoff>(held =>
        {
            held.ToTable("HeldHandoffs");
            held.HasKey(h => h.ApplicationId);
            held.Property(h => h.Reason).HasMaxLength(200);
        });
    }
}

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteMeteringDbContext(DbContextOptions<SqliteMeteringDbContext> options) : MeteringDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerMeteringDbContext(DbContextOptions<SqlServerMeteringDbContext> options) : MeteringDbContext(options);
