using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure;

/// <summary>
/// The notification service's own database: customer notices, staff notices, follow-ups (回访) and complaints next to
/// the outbox and inbox.
/// </summary>
public abstract class NotificationDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The EF property (a field of <see cref="Notice"/>) holding the notice's step; see <see cref="Notice.StepKeyOf"/>.</summary>
    internal const string StepKey = "_stepKey";

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<StaffNotice> StaffNotices => Set<StaffNotice>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<ManagedApplication> ManagedApplications => Set<ManagedApplication>();

    public DbSet<ComplaintAction> ComplaintActions => Set<ComplaintAction>();

    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    // The checks every consumed event makes before it records a notice (compiled once per model).
    private static readonly ModelQuery<Func<NotificationDbContext, Guid, NoticeKind, string, int, CancellationToken, Task<bool>>> NoticeRecorded = new(() =>
        EF.CompileAsyncQuery((NotificationDbContext db, Guid applicationId, NoticeKind kind, string stepKey, int round, CancellationToken _) =>
            db.Notices.Any(n => n.ApplicationId == applicationId && n.Kind == kind && EF.Property<string>(n, StepKey) == stepKey && n.Round == round)));

    private static readonly ModelQuery<Func<NotificationDbContext, Guid, StaffNoticeKind, StaffNoticeAudience, Department, CancellationToken, Task<bool>>> StaffNoticeRecorded = new(() =>
        EF.CompileAsyncQuery((NotificationDbContext db, Guid workItemId, StaffNoticeKind kind, StaffNoticeAudience audience, Department department, CancellationToken _) =>
            db.StaffNotices.Any(n => n.WorkItemId == workItemId && n.Kind == kind && n.Audience == audience && n.Department == department)));

    private static readonly ModelQuery<Func<NotificationDbContext, Guid, CancellationToken, Task<bool>>> FollowUpRecorded = new(() =>
        EF.CompileAsyncQuery((NotificationDbContext db, Guid applicationId, CancellationToken _) => db.FollowUps.Any(f => f.ApplicationId == applicationId)));

    private static readonly ModelQuery<Func<NotificationDbContext, IAsyncEnumerable<Webhooks.WebhookSubscription>>> SubscriptionsQuery = new(() =>
        EF.CompileAsyncQuery((NotificationDbContext db) => db.WebhookSubscriptions.AsNoTracking()));

    /// <summary>Every partner's webhook subscription (not tracked): each consumed event is offered to them.</summary>
    public Task<List<Webhooks.WebhookSubscription>> SubscriptionsAsync(CancellationToken cancellationToken) =>
        SubscriptionsQuery.For(this)(this).ToListAsync(cancellationToken).AsTask();

    /// <summary>
    /// Adds <paramref name="notice"/> unless the same notice (application, kind, step, round) is already recorded,
    /// e.g. from a copy of the event published again under another message id. Does not save.
    /// </summary>
    public async Task<bool> AddIfNewAsync(Notice notice, CancellationToken cancellationToken)
    {
        var exists = await NoticeRecorded.For(this)(this, notice.ApplicationId, notice.Kind, Notice.StepKeyOf(notice.Step), notice.Round, cancellationToken);
        if (!exists)
        {
            Notices.Add(notice);
        }
        return !exists;
    }

    /// <summary>The application's 客户经理 as last heard (<see cref="ManagedApplication"/>), or null when not heard yet.</summary>
    public Task<string?> ManagerOfAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ManagedApplications.Where(m => m.ApplicationId == applicationId).Select(m => (string?)m.CustomerManager).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds <paramref name="notice"/> unless the same staff notice (work item, kind, audience, department) is already
    /// recorded. Does not save.
    /// </summary>
    public async Task<bool> AddIfNewAsync(StaffNotice notice, CancellationToken cancellationToken)
    {
        var exists = await StaffNoticeRecorded.For(this)(this, notice.WorkItemId, notice.Kind, notice.Audience, notice.Department, cancellationToken);
        if (!exists)
        {
            StaffNotices.Add(notice);
        }
        return !exists;
    }

    /// <summary>Adds <paramref name="followUp"/> unless the application already has its follow-up. Does not save.</summary>
    public async Task<bool> AddIfNewAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var exists = await FollowUpRecorded.For(this)(this, followUp.ApplicationId, cancellationToken);
        if (!exists)
        {
            FollowUps.Add(followUp);
        }
        return !exists;
    }

    /// <summary>
    /// The application as this service knows it from the events it has seen (customer notices, follow-ups, staff
    /// notices), or null when it has seen none for it.
    /// </summary>
    public async Task<KnownApplication?> FindApplicationAsync(Guid applicationId, CancellationToken cancellationToken) =>
        await Notices.AsNoTracking().Where(n => n.ApplicationId == applicationId)
            .Select(n => new KnownApplication(n.ApplicationId, n.ApplicationNumber, n.CustomerId)).FirstOrDefaultAsync(cancellationToken)
        ?? await FollowUps.AsNoTracking().Where(f => f.ApplicationId == applicationId)
            .Select(f => new KnownApplication(f.ApplicationId, f.ApplicationNumber, f.CustomerId)).FirstOrDefaultAsync(cancellationToken)
        ?? await StaffNotices.AsNoTracking().Where(n => n.ApplicationId == applicationId)
            .Select(n => new KnownApplication(n.ApplicationId, n.ApplicationNumber, null)).FirstOrDefaultAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Webhooks.WebhookRegistration.ConfigureWebhooks(modelBuilder);

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

        modelBuilder.Entity<ManagedApplication>(managed =>
        {
            managed.ToTable("ManagedApplications");
            managed.HasKey(m => m.ApplicationId);
            managed.Property(m => m.ApplicationId).ValueGeneratedNever();
            managed.Property(m => m.CustomerId).HasMaxLength(64);
            managed.Property(m => m.CustomerManager).HasMaxLength(64);
            // A manager's applications (the filter of every list a 客户经理 reads).
            managed.HasIndex(m => m.CustomerManager);
        });

        modelBuilder.Entity<StaffNotice>(notice =>
        {
            notice.ToTable("StaffNotices");
            notice.HasKey(n => n.Id);
            notice.Property(n => n.Id).ValueGeneratedNever();
            notice.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
            notice.Property(n => n.Audience).HasConversion<string>().HasMaxLength(24);
            notice.Property(n => n.Step).HasConversion<string>().HasMaxLength(32);
            notice.Property(n => n.Department).HasConversion<string>().HasMaxLength(32);
            notice.Property(n => n.ApplicationNumber).HasMaxLength(32);
            notice.Property(n => n.Recipient).HasMaxLength(64);
            notice.Property(n => n.Assignee).HasMaxLength(64);
            notice.Property(n => n.Title).HasMaxLength(100);
            notice.Property(n => n.HandledBy).HasMaxLength(64);
            notice.Property(n => n.HandlingAction).HasMaxLength(500);
            notice.Property(n => n.Version).IsConcurrencyToken();
            notice.Ignore(n => n.IsHandled);

            // One notice per warning level and audience, one per escalation of a work item, one per late review opinion and
            // audience of each reviewing department (the department distinguishes them), whatever the message id.
            notice.HasIndex(n => new { n.WorkItemId, n.Kind, n.Audience, n.Department }).IsUnique();
            // The inboxes: a person's and a department's notices, newest first.
            notice.HasIndex(n => new { n.Recipient, n.CreatedAt });
            notice.HasIndex(n => new { n.Department, n.CreatedAt });
            notice.HasIndex(n => n.ApplicationId);
            // The (optional) SMS/e-mail scan.
            notice.HasIndex(n => new { n.DeliveredAt, n.CreatedAt });
        });

        modelBuilder.Entity<FollowUp>(followUp =>
        {
            followUp.ToTable("FollowUps");
            followUp.HasKey(f => f.Id);
            followUp.Property(f => f.Id).ValueGeneratedNever();
            followUp.Property(f => f.ApplicationNumber).HasMaxLength(32);
            followUp.Property(f => f.CustomerId).HasMaxLength(64);
            followUp.Property(f => f.Comment).HasMaxLength(FollowUp.MaxCommentLength);
            followUp.Property(f => f.Version).IsConcurrencyToken();
            followUp.Ignore(f => f.Status);
            followUp.Ignore(f => f.VisitStatus);
            followUp.Property(f => f.VisitPolicyVersion).HasMaxLength(64);
            followUp.Property(f => f.VisitChannel).HasConversion<string>().HasMaxLength(16);
            followUp.Property(f => f.VisitComments).HasMaxLength(FollowUp.MaxCommentLength);
            followUp.Property(f => f.VisitedBy).HasMaxLength(64);

            // One 回访 per application, whatever the message id of PowerConnected.
            followUp.HasIndex(f => f.ApplicationId).IsUnique();
            // The pending and done lists: the customer's rating and customer service's 回访.
            followUp.HasIndex(f => new { f.RatedAt, f.ConnectedAt });
            followUp.HasIndex(f => new { f.VisitedAt, f.VisitDueAt });
        });

        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("Complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.ApplicationNumber).HasMaxLength(32);
            complaint.Property(c => c.CustomerId).HasMaxLength(64);
            complaint.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
            complaint.Property(c => c.Text).HasMaxLength(Complaint.MaxTextLength);
            complaint.Property(c => c.Step).HasConversion<string>().HasMaxLength(32);
            complaint.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            complaint.Property(c => c.OwnerDepartment).HasConversion<string>().HasMaxLength(32);
            complaint.Property(c => c.Handler).HasMaxLength(64);
            complaint.Property(c => c.PolicyVersion).HasMaxLength(64);
            complaint.Property(c => c.Reply).HasMaxLength(Complaint.MaxReplyLength);
            complaint.Property(c => c.RepliedBy).HasMaxLength(64);
            complaint.Property(c => c.Rectification).HasMaxLength(Complaint.MaxNoteLength);
            complaint.Property(c => c.Accountability).HasMaxLength(Complaint.MaxNoteLength);
            complaint.Property(c => c.ClosedBy).HasMaxLength(64);
            complaint.Property(c => c.Version).IsConcurrencyToken();
            complaint.Ignore(c => c.IsOpen);
            complaint.HasMany(c => c.Actions).WithOne().HasForeignKey(a => a.ComplaintId);
            complaint.Navigation(c => c.Actions).UsePropertyAccessMode(PropertyAccessMode.Field);
            complaint.HasIndex(c => new { c.ApplicationId, c.RecordedAt });
            complaint.HasIndex(c => new { c.CustomerId, c.RecordedAt });
            // A department's queue and the platform's open/overdue list: open ones by due.
            complaint.HasIndex(c => new { c.OwnerDepartment, c.Status, c.DueAt });
            complaint.HasIndex(c => new { c.Status, c.DueAt });
        });

        modelBuilder.Entity<ComplaintAction>(action =>
        {
            action.ToTable("ComplaintActions");
            action.HasKey(a => a.Id);
            action.Property(a => a.Id).ValueGeneratedNever();
            action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            action.Property(a => a.Actor).HasMaxLength(64);
            action.Property(a => a.Department).HasConversion<string>().HasMaxLength(32);
            action.Property(a => a.Note).HasMaxLength(ComplaintAction.MaxNoteLength);
            // One action per position: two changes racing from the same loaded history cannot both land.
            action.HasIndex(a => new { a.ComplaintId, a.Sequence }).IsUnique();
        });
    }
}
