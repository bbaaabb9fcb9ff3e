using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;
using YeKuo.Workflow.Hosting.Telemetry;

namespace YeKuo.Workflow.Hosting.Persistence;

/// <summary>
/// Base of a department service's DbContext: its work items next to the outbox and inbox. Every save first brings the
/// supervision timers of the work items it opens, pauses, resumes or closes in line (<see cref="SupervisionPlanner"/>),
/// so timers commit in the same transaction as the work item. When a scanner fired or dropped one of those timers between
/// the planning and the write, the save plans again instead of failing as if someone had changed the work item.
/// </summary>
public abstract class WorkflowDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    private SupervisionPlanner? _supervision;

    public DbSet<WorkItem> WorkItems => Set<WorkItem>();

    /// <summary>The open work items (<see cref="WorkItem.OpenInQuery"/>), also for use inside another query's subquery.</summary>
    public IQueryable<WorkItem> OpenWorkItems => WorkItems.Where(WorkItem.OpenInQuery);

    public DbSet<ClosedApplication> ClosedApplications => Set<ClosedApplication>();

    /// <summary>Cancels the application's open work here as withdrawn by the customer (客户撤回, their reason after it). Does not save.</summary>
    public async Task CancelWithdrawnWorkAsync(Guid applicationId, string customerReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await OpenWorkItems.Where(w => w.ApplicationId == applicationId).ToListAsync(cancellationToken);
        foreach (var item in open)
        {
            item.Cancel($"{ClosedApplication.WithdrawnCancelReason}: {customerReason}", now);
        }
    }

    /// <summary>Remembers that the customer withdrew the application, unless that is known already: no work opens for it any more.</summary>
    public async Task RecordWithdrawalAsync(Guid applicationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ClosedApplications.Local.Any(c => c.ApplicationId == applicationId)
            && !await WorkItemQueries.IsClosedAsync(this, applicationId, cancellationToken))
        {
            ClosedApplications.Add(new ClosedApplication { ApplicationId = applicationId, Reason = ClosedApplication.Withdrawn, ClosedAt = now });
        }
    }

    /// <summary>超时预警 and escalation timers of the work items (polled by <see cref="SupervisionScanner"/>).</summary>
    public DbSet<SupervisionTimer> SupervisionTimers => Set<SupervisionTimer>();

    // A save whose planning lost a timer to a scanner plans again from what is stored; a few times at most.
    private const int PlanningAttempts = 3;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return SaveOnce(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateConcurrencyException conflict) when (attempt < PlanningAttempts && SupervisionPlanner.LostOnlyPlannedTimers(conflict))
            {
                SupervisionPlanner.Forget(conflict);
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateConcurrencyException conflict) when (attempt < PlanningAttempts && SupervisionPlanner.LostOnlyPlannedTimers(conflict))
            {
                SupervisionPlanner.Forget(conflict);
            }
        }
    }

    private int SaveOnce(bool acceptAllChangesOnSuccess)
    {
        DetectChangesOnce();
        ChangesDetected();
        Supervision.PlanChangesAsync(this, async: false, CancellationToken.None).GetAwaiter().GetResult();
        var transitions = StepMetrics.Transitions(EntriesAsDetected<WorkItem>());
        var changed = ChangedWorkItems();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        StepMetrics.Record(transitions, Calendar);
        Feed?.Publish(changed);
        return saved;
    }

    private async Task<int> SaveOnceAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        DetectChangesOnce();
        ChangesDetected();
        await Supervision.PlanChangesAsync(this, async: true, cancellationToken);
        // Step metrics count only what committed: the transitions are read before the save and recorded after it.
        var transitions = StepMetrics.Transitions(EntriesAsDetected<WorkItem>());
        var changed = ChangedWorkItems();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        StepMetrics.Record(transitions, Calendar);
        // Worklist streams learn of what committed (and only that), right after the commit.
        Feed?.Publish(changed);
        return saved;
    }

    /// <summary>
    /// Detects the changes of the tracked work items once for the planning, the step metrics, the worklist feed and the
    /// outbox, which read them as detected; EF Core's own save detects again (the planning moves timers). A caller that
    /// switched detection off detects for itself.
    /// </summary>
    private void DetectChangesOnce()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }
    }

    /// <summary>
    /// Called once per save right after its changes are detected, before the supervision planning: a department reads
    /// what the save changes here, with <see cref="ServiceDbContext.EntriesAsDetected{TEntity}"/>, instead of detecting again.
    /// </summary>
    protected virtual void ChangesDetected()
    {
    }

    /// <summary>
    /// The work items this save changes, those it changes before those it opens: a completion that opens the next step
    /// in the same commit reaches a stream as the completed item, then the opened one.
    /// </summary>
    private List<WorkItem> ChangedWorkItems()
    {
        var changed = new List<WorkItem>();
        var opened = new List<WorkItem>();
        foreach (var entry in EntriesAsDetected<WorkItem>())
        {
            if (entry.State is EntityState.Modified)
            {
                changed.Add(entry.Entity);
            }
            else if (entry.State is EntityState.Added)
            {
                opened.Add(entry.Entity);
            }
        }
        changed.AddRange(opened);
        return changed;
    }

    private YeKuo.Workflow.Hosting.Worklists.WorkItemFeed? Feed =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<YeKuo.Workflow.Hosting.Worklists.WorkItemFeed>();

    private YeKuo.Workflow.Calendar.WorkingDayCalendar? Calendar =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<YeKuo.Workflow.Calendar.WorkingDayCalendar>();

    // The application's planner (configured Supervision options); the defaults for a context built without DI.
    private SupervisionPlanner Supervision => _supervision ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<SupervisionPlanner>()
        ?? SupervisionPlanner.Default;

    /// <summary>
    /// The filter of an index over the work items in <paramref name="statuses"/>, in the provider's SQL. SQLite uses a
    /// partial index only when a term of the query's WHERE is written exactly like the index's WHERE or like one of its
    /// OR-terms: the IN list is what EF writes for a status set (status=open, the scan's running items), and each single
    /// status is what it writes for one (status=unclaimed, …). SQL Server's filtered indexes take the IN list only and
    /// infer the rest.
    /// </summary>
    private string StatusFilter(params WorkItemStatus[] statuses)
    {
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
        {
            return $"[Status] IN ({string.Join(", ", statuses.Select(s => $"N'{s}'"))})";
        }
        var terms = statuses.Select(s => $"\"Status\" = '{s}'");
        return string.Join(" OR ", statuses.Length == 1 ? terms : terms.Prepend($"\"Status\" IN ({string.Join(", ", statuses.Select(s => $"'{s}'"))})"));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<WorkItem>(item =>
        {
            item.ToTable("WorkItems");
            item.HasKey(w => w.Id);
            item.Property(w => w.ApplicationNumber).HasMaxLength(32);
            item.Property(w => w.CustomerId).HasMaxLength(64);
            item.Property(w => w.PolicyVersion).HasMaxLength(64);
            item.Property(w => w.Assignee).HasMaxLength(64);
            item.Property(w => w.CompletedBy).HasMaxLength(64);
            item.Property(w => w.CancelReason).HasMaxLength(500);
            item.Property(w => w.OpenedTraceParent).HasMaxLength(64);
            item.Property(w => w.CustomerClass).HasConversion<string>().HasMaxLength(48);
            item.Property(w => w.Step).HasConversion<string>().HasMaxLength(32);
            item.Property(w => w.Department).HasConversion<string>().HasMaxLength(32);
            item.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
            item.Property(w => w.Version).IsConcurrencyToken();
            item.Property(w => w.Plan).HasConversion(
                plan => string.Join(',', plan),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Step>).ToArray(),
                new ValueComparer<IReadOnlyList<Step>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()));
            item.Property(w => w.Outcome).HasConversion(StoredOutcome.Converter, StoredOutcome.Comparer);
            item.Property(w => w.DueAssumedYears).HasMaxLength(32).HasConversion(
                years => string.Join(',', years),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
                new ValueComparer<IReadOnlyList<int>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, y) => HashCode.Combine(h, y)), v => v.ToArray()));
            item.HasMany(w => w.Pauses).WithOne().HasForeignKey(p => p.WorkItemId);
            item.Navigation(w => w.Pauses).HasField("_pauses").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

            // One work item per step round: a redelivered handoff cannot open the same step twice.
            item.HasIndex(w => new { w.ApplicationId, w.Step, w.Round }).IsUnique();
            // Deadline order without sorting (the worklist reads a page in index order and stops: WorkItemsApi.WorklistQuery),
            // one filtered index per set of statuses read together, so that no query can be planned on another's index. No
            // index that open items are in leads with Status: SQLite, without statistics, takes an IN on Status for a
            // selective condition and would read every open item through such an index, then sort them all.
            // The worklist of open items (status=open; also unclaimed, in-progress and paused).
            item.HasIndex(w => new { w.DueAt, w.OpenedAt }, "IX_WorkItems_Open_DueAt_OpenedAt")
                .HasFilter(StatusFilter(WorkItemStatus.Open, WorkItemStatus.InProgress, WorkItemStatus.Paused));
            // The supervision scan's running items (open or in progress, the company's clock runs): the overdue gauge counts
            // each department's past their due as one index range, from the index alone.
            item.HasIndex(w => new { w.Department, w.DueAt, w.Status }, "IX_WorkItems_Running_Department_DueAt")
                .HasFilter(StatusFilter(WorkItemStatus.Open, WorkItemStatus.InProgress));
            // Closed history (status=completed, cancelled).
            item.HasIndex(w => new { w.Status, w.DueAt, w.OpenedAt }, "IX_WorkItems_Closed_Status_DueAt_OpenedAt")
                .HasFilter(StatusFilter(WorkItemStatus.Completed, WorkItemStatus.Cancelled));
        });

        modelBuilder.Entity<ClosedApplication>(closed =>
        {
            closed.ToTable("ClosedApplications");
            closed.HasKey(c => c.ApplicationId);
            closed.Property(c => c.Reason).HasMaxLength(32);
        });

        modelBuilder.Entity<WorkItemPause>(pause =>
        {
            pause.ToTable("WorkItemPauses");
            pause.HasKey(p => p.Id);
            // Set by WorkItem.Pause: a pause found on a loaded item by DetectChanges is then inserted, not updated.
            pause.Property(p => p.Id).ValueGeneratedNever();
            pause.Property(p => p.Reason).HasMaxLength(500);
            pause.Property(p => p.PausedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<SupervisionTimer>(timer =>
        {
            timer.ToTable("SupervisionTimers");
            timer.HasKey(t => t.Id);
            timer.Property(t => t.Id).ValueGeneratedNever();
            timer.Property(t => t.ApplicationNumber).HasMaxLength(32);
            timer.Property(t => t.Step).HasConversion<string>().HasMaxLength(32);
            timer.Property(t => t.Department).HasConversion<string>().HasMaxLength(32);
            timer.Property(t => t.Level).HasConversion<string>().HasMaxLength(16);
            timer.Property(t => t.Version).IsConcurrencyToken();
            timer.Ignore(t => t.IsFired);
            timer.HasOne<WorkItem>().WithMany().HasForeignKey(t => t.WorkItemId).OnDelete(DeleteBehavior.Cascade);

            // One timer per work item and level: a level cannot be planned, hence fired, twice.
            timer.HasIndex(t => new { t.WorkItemId, t.Level }).IsUnique();
            // The scanner: unfired timers by due moment.
            timer.HasIndex(t => new { t.FiredAt, t.FireAt });
        });
    }
}
