using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure;

/// <summary>The notification service's own database: customer notices next to the outbox and inbox.</summary>
public abstract class NotificationDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The EF property (a field of <see cref="Notice"/>) holding the notice's step; see <see cref="Notice.StepKeyOf"/>.</summary>
    internal const string StepKey = "_stepKey";

    public DbSet<Notice> Notices => Set<Notice>();

    /// <summary>
    /// Adds <paramref name="notice"/> unless the same notice (application, kind, step, round) is already recorded,
    /// e.g. from a copy of the event published again under another message id. Does not save.
    /// </summary>
    public async Task<bool> AddIfNewAsync(Notice notice, CancellationToken cancellationToken)
    {
        var stepKey = Notice.StepKeyOf(notice.Step);
        var exists = await Notices.AnyAsync(
            n => n.ApplicationId == notice.ApplicationId && n.Kind == notice.Kind
                && EF.Property<string>(n, StepKey) == stepKey && n.Round == notice.Round,
            cancellationToken);
        if (!exists)
        {
            Notices.Add(notice);
        }
        return !exists;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Notice>(notice =>
        {
            notice.ToTable("Notices");
            notice.HasKey(n => n.Id);
            notice.Property(n => n.Id).ValueGeneratedNever();
            notice.Property(n => n.Kind).HasConversion<string>().HasMaxLength(48);
            notice.Ignore(n => n.Step);
            notice.Property<string>(StepKey).HasColumnName("Step").HasMaxLength(32).IsRequired();
            notice.Ignore(n => n.IsRead);
            notice.Property(n => n.CustomerId).HasMaxLength(64);
            notice.Property(n => n.ApplicationNumber).HasMaxLength(32);
            notice.Property(n => n.Title).HasMaxLength(100);

            // One notice per thing told: a redelivered or republished event cannot notify twice.
            notice.HasIndex(nameof(Notice.ApplicationId), nameof(Notice.Kind), StepKey, nameof(Notice.Round)).IsUnique();
            // The inboxes: a customer's and an application's notices, newest first.
            notice.HasIndex(n => new { n.CustomerId, n.CreatedAt });
            notice.HasIndex(n => new { n.ApplicationId, n.CreatedAt });
            // The delivery scan: pending SMS/e-mail in order.
            notice.HasIndex(n => new { n.DeliveredAt, n.CreatedAt });
        });
    }
}
