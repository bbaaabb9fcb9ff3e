using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Outbox;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// Base of every service's DbContext: adds the outbox and inbox tables so that state, outgoing events and handled
/// message ids commit together, and the audit trail of the service's state-changing requests (<see cref="AuditEntry"/>).
/// Every save waits for the database's write turn (<see cref="DatabaseWriteGate"/>, SQLite) and, once committed,
/// publishes the events it wrote right away (<see cref="IOutboxDispatcher"/>; the relay publishes what that misses).
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    private bool _resolved;
    private DatabaseWriteGate? _writeGate;
    private IOutboxDispatcher? _dispatcher;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The write turn of this database; null when the provider needs none (SQL Server) or outside a service host.</summary>
    private DatabaseWriteGate? WriteGate
    {
        get
        {
            Resolve();
            return _writeGate;
        }
    }

    /// <summary>
    /// Waits for this database's write turn, for a write made outside <c>SaveChanges</c> (a bulk update or delete);
    /// nothing to wait for where the database needs no turn. Dispose the result to pass the turn on.
    /// </summary>
    internal ValueTask<DatabaseWriteGate.Turn> WriteTurnAsync(CancellationToken cancellationToken) =>
        WriteGate is { } gate ? gate.EnterAsync(cancellationToken) : default;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var outgoing = NewOutboxRows();
        int saved;
        using (WriteGate?.Enter())
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        if (outgoing is not null && _dispatcher is { } dispatcher)
        {
            // A synchronous save does not wait for the broker; the publish still starts right away.
            _ = dispatcher.DispatchAsync(outgoing);
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var outgoing = NewOutboxRows();
        int saved;
        using (await WriteTurnAsync(cancellationToken))
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (outgoing is not null && _dispatcher is { } dispatcher)
        {
            await dispatcher.DispatchAsync(outgoing);
        }
        return saved;
    }

    /// <summary>
    /// The outbox rows this save inserts, when it commits by itself (inside an explicit transaction the commit comes
    /// later and may not come: the relay publishes those rows).
    /// </summary>
    private List<OutboxMessage>? NewOutboxRows()
    {
        Resolve();
        if (_dispatcher is null || Database.CurrentTransaction is not null)
        {
            return null;
        }
        List<OutboxMessage>? rows = null;
        // Added rows need no detection: reading them must not compare every tracked entity with its snapshot again.
        foreach (var entry in EntriesAsDetected<OutboxMessage>())
        {
            if (entry.State == EntityState.Added)
            {
                (rows ??= []).Add(entry.Entity);
            }
        }
        return rows;
    }

    /// <summary>
    /// The tracked entries of <typeparamref name="TEntity"/> as last detected, without detecting changes again: a save
    /// reads its entries several times (its outbox rows, a department's step transitions and worklist changes) and each
    /// <see cref="ChangeTracker.Entries{TEntity}"/> would compare every tracked entity with its snapshot once more.
    /// Detect first (<see cref="ChangeTracker.DetectChanges"/>) when entities may have changed since.
    /// </summary>
    public IEnumerable<EntityEntry<TEntity>> EntriesAsDetected<TEntity>() where TEntity : class
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return ChangeTracker.Entries<TEntity>();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    // The host's singletons (a pooled context keeps them: they are the same for every lease); none for a context made by hand.
    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        _writeGate = Database.IsSqlite() ? services?.GetService<DatabaseWriteGate>() : null;
        _dispatcher = services?.GetService<IOutboxDispatcher>();
        _resolved = true;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.MessageType).HasMaxLength(200);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            // The relay's scan: unsent rows in order.
            outbox.HasIndex(m => new { m.SentAt, m.Sequence });
            outbox.Ignore(m => m.Event);
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("InboxMessages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
        });

        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Id).ValueGeneratedOnAdd();
            audit.Property(e => e.Subject).HasMaxLength(64);
            audit.Property(e => e.Role).HasMaxLength(64);
            audit.Property(e => e.Department).HasMaxLength(32);
            audit.Property(e => e.Method).HasMaxLength(8);
            audit.Property(e => e.Route).HasMaxLength(200);
            audit.Property(e => e.RequestId).HasMaxLength(128);
            audit.Property(e => e.TraceId).HasMaxLength(32);
            audit.Property(e => e.StatusBefore).HasMaxLength(32);
            audit.Property(e => e.StatusAfter).HasMaxLength(32);
            // GET /admin/audit: newest first, by subject, by resource or application, by request id.
            audit.HasIndex(e => e.OccurredAt);
            audit.HasIndex(e => new { e.Subject, e.OccurredAt });
            audit.HasIndex(e => e.TargetId);
            audit.HasIndex(e => e.ApplicationId);
            audit.HasIndex(e => e.RequestId);
        });
    }
}
