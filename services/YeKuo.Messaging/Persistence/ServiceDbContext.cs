using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Outbox;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// Base of every service's DbContext: adds the outbox and inbox tables so that state, outgoing events and handled
/// message ids commit together, and the audit trail of the service's state-changing requests (<see cref="AuditEntry"/>).
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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
