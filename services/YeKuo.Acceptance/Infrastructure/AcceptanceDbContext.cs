using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Acceptance.Infrastructure;

public class AcceptanceDbContext(DbContextOptions options) : WorkflowDbContext(options)
{
    public DbSet<Application> Applications => Set<Application>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<TimelinePause> TimelinePauses => Set<TimelinePause>();

    public DbSet<CustomerFeedback> Feedback => Set<CustomerFeedback>();

    public DbSet<CustomerManagerAssignment> CustomerManagers => Set<CustomerManagerAssignment>();

    public DbSet<CustomerManagerChange> CustomerManagerChanges => Set<CustomerManagerChange>();

    public DbSet<StepWarning> StepWarnings => Set<StepWarning>();

    public DbSet<ChargeAssessmentRecord> ChargeAssessments => Set<ChargeAssessmentRecord>();

    public DbSet<ChargeEntry> ChargeEntries => Set<ChargeEntry>();

    // The applications the save in progress changes, read once its changes are detected (ChangesDetected).
    private HashSet<Guid>? _changedApplications;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Notify(_changedApplications);
            return saved;
        }
        finally
        {
            _changedApplications = null;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // Progress streams re-read the applications this commit touched.
            Notify(_changedApplications);
            return saved;
        }
        finally
        {
            _changedApplications = null;
        }
    }

    protected override void ChangesDetected() => _changedApplications = ChangedApplications();

    private HashSet<Guid> ChangedApplications()
    {
        var changed = new HashSet<Guid>();
        foreach (var entry in EntriesAsDetected<object>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                switch (entry.Entity)
                {
                    case Application application: changed.Add(application.Id); break;
                    case TimelineEntry timeline: changed.Add(timeline.ApplicationId); break;
                    case CustomerFeedback feedback: changed.Add(feedback.ApplicationId); break;
                    case StepWarning warning: changed.Add(warning.ApplicationId); break;
                    case ChargeAssessmentRecord assessment: changed.Add(assessment.ApplicationId); break;
                    case ChargeEntry charge: changed.Add(charge.ApplicationId); break;
                    case Workflow.Hosting.Domain.WorkItem item: changed.Add(item.ApplicationId); break;
                }
            }
        }
        return changed;
    }

    private void Notify(HashSet<Guid>? applications)
    {
        if (applications is { Count: > 0 }
            && this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<ApplicationChanges>() is { } changes)
        {
            foreach (var id in applications)
            {
                changes.Notify(id);
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Application>(application =>
        {
            application.ToTable("Applications");
            application.HasKey(a => a.Id);
            application.HasIndex(a => a.Number).IsUnique();
            application.HasIndex(a => new { a.CustomerId, a.SubmittedAt });
            application.HasIndex(a => new { a.CustomerManager, a.Status });
            application.Property(a => a.Number).HasMaxLength(32);
            application.Property(a => a.CustomerId).HasMaxLength(64);
            application.Property(a => a.CustomerName).HasMaxLength(100);
            application.Property(a => a.IdentityNumber).HasMaxLength(18);
            application.Property(a => a.ContactPhone).HasMaxLength(20);
            application.Property(a => a.Address).HasMaxLength(200);
            application.Property(a => a.PolicyVersion).HasMaxLength(64);
            application.Property(a => a.CustomerManager).HasMaxLength(64);
            application.Property(a => a.ClosingReason).HasMaxLength(1000);
            application.Property(a => a.CustomerClass).HasConversion<string>().HasMaxLength(48);
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.CapacityKva).HasPrecision(12, 2);
            application.Property(a => a.VoltageKv).HasPrecision(8, 3);
            application.Property(a => a.Version).IsConcurrencyToken();
            application.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
            application.Property(a => a.AccountNumber).HasMaxLength(13);
            application.Property(a => a.CurrentCapacityKva).HasPrecision(12, 2);
            application.Property(a => a.Changes).HasMaxLength(200).HasConversion(
                changes => string.Join(',', changes),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<UseChange>).ToArray(),
                new ValueComparer<IReadOnlyList<UseChange>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)), v => v.ToArray()));
            application.Property(a => a.ChangeDescription).HasMaxLength(500);
            application.Property(a => a.TemporaryEnding).HasConversion<string>().HasMaxLength(16);
            // The reminder scan: temporary supplies still to remind, by end date.
            application.HasIndex(a => new { a.Kind, a.TemporaryReminderAt, a.TemporaryUntil });
            application.Property(a => a.Plan).HasConversion(
                plan => string.Join(',', plan),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Step>).ToArray(),
                new ValueComparer<IReadOnlyList<Step>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()));
        });

        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("Timeline");
            entry.HasKey(e => e.WorkItemId);
            entry.HasIndex(e => e.ApplicationId);
            entry.Property(e => e.Step).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.Department).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.Assignee).HasMaxLength(64);
            entry.Property(e => e.CompletedBy).HasMaxLength(64);
            entry.Property(e => e.Outcome).HasConversion(StoredOutcome.Converter, StoredOutcome.Comparer);
            entry.Property(e => e.DueAssumedYears).HasMaxLength(32).HasConversion(
                years => string.Join(',', years),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
                new ValueComparer<IReadOnlyList<int>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, y) => HashCode.Combine(h, y)), v => v.ToArray()));
            // The 客户经理 worklist and the reports look for open steps and completions.
            entry.HasIndex(e => new { e.ApplicationId, e.CompletedAt });
        });

        modelBuilder.Entity<TimelinePause>(pause =>
        {
            pause.ToTable("TimelinePauses");
            pause.HasKey(p => new { p.WorkItemId, p.PausedAt });
            pause.Property(p => p.Reason).HasMaxLength(500);
        });

        modelBuilder.Entity<CustomerManagerAssignment>(assignment =>
        {
            assignment.ToTable("CustomerManagers");
            // One row per customer: of two concurrent first acceptances of one customer, the second insert fails and
            // re-reads the first (CustomerManagerAssigner).
            assignment.HasKey(a => a.CustomerId);
            assignment.Property(a => a.CustomerId).HasMaxLength(64);
            assignment.Property(a => a.CustomerManager).HasMaxLength(64);
            assignment.Property(a => a.Version).IsConcurrencyToken();
            assignment.HasIndex(a => a.CustomerManager);
        });

        modelBuilder.Entity<CustomerManagerChange>(change =>
        {
            change.ToTable("CustomerManagerChanges");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.CustomerId).HasMaxLength(64);
            change.Property(c => c.PreviousManager).HasMaxLength(64);
            change.Property(c => c.CustomerManager).HasMaxLength(64);
            change.Property(c => c.ChangedBy).HasMaxLength(64);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.HasIndex(c => new { c.CustomerId, c.ChangedAt });
        });

        modelBuilder.Entity<StepWarning>(warning =>
        {
            warning.ToTable("StepWarnings");
            warning.HasKey(w => new { w.WorkItemId, w.Level });
            warning.Property(w => w.Level).HasConversion<string>().HasMaxLength(16);
            warning.Property(w => w.Step).HasConversion<string>().HasMaxLength(32);
            warning.Property(w => w.Department).HasConversion<string>().HasMaxLength(32);
            warning.Property(w => w.Assignee).HasMaxLength(64);
            warning.HasIndex(w => w.ApplicationId);
        });

        modelBuilder.Entity<CustomerFeedback>(feedback =>
        {
            feedback.ToTable("CustomerFeedback");
            feedback.HasKey(f => f.Id);
            feedback.HasIndex(f => new { f.ApplicationId, f.Kind });
            feedback.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
            feedback.Property(f => f.Category).HasMaxLength(32);
            feedback.Property(f => f.Department).HasMaxLength(32);
        });

        modelBuilder.Entity<ChargeAssessmentRecord>(assessment =>
        {
            assessment.ToTable("ChargeAssessments");
            assessment.HasKey(a => new { a.ApplicationId, a.Revision });
            assessment.Property(a => a.TariffVersion).HasMaxLength(32);
            assessment.Property(a => a.Total).HasPrecision(14, 2);
        });

        modelBuilder.Entity<ChargeEntry>(entry =>
        {
            entry.ToTable("ChargeEntries");
            // What a line records is its key: a copy of an event cannot add it twice.
            entry.HasKey(e => new { e.ApplicationId, e.Kind, e.Revision, e.MovementId, e.Item });
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.Item).HasMaxLength(48);
            entry.Property(e => e.Name).HasMaxLength(48);
            entry.Property(e => e.Basis).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.Quantity).HasPrecision(14, 3);
            entry.Property(e => e.UnitAmount).HasPrecision(14, 2);
            entry.Property(e => e.Amount).HasPrecision(14, 2);
        });
    }
}

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteAcceptanceDbContext(DbContextOptions<SqliteAcceptanceDbContext> options) : AcceptanceDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerAcceptanceDbContext(DbContextOptions<SqlServerAcceptanceDbContext> options) : AcceptanceDbContext(options);
