using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Hosting;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.TemporarySupply;

/// <summary>Section <c>TemporarySupply</c>: how often the reminder scan runs.</summary>
public sealed class TemporarySupplyOptions
{
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Reminds the customer (and the 客户经理) of a connected 临时用电's end: once the working days left until its last day are
/// no more than its policy's reminder (data), <c>TemporarySupplyEndingSoon</c> is raised, once, in the same transaction
/// as the application's reminder mark. Replicas race on the application's version; the loser's scan finds nothing left.
/// </summary>
public sealed class TemporarySupplyReminders(
    IServiceScopeFactory scopes, TimeProvider time, WorkingDayCalendar calendar, TimeLimitPolicyBook policies,
    IOptions<TemporarySupplyOptions> options, ILogger<TemporarySupplyReminders> logger) : RecurringPass(time, logger)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override string PassName => "temporary-supply reminder scan";

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ScanAsync(cancellationToken);

    /// <summary>One scan: raises the reminders that are due now; returns how many.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        var now = Time.GetUtcNow();
        var today = ChinaTime.BusinessDate(now);
        var candidates = await db.Applications
            .Where(a => a.Kind == ApplicationKind.TemporarySupply && a.TemporaryReminderAt == null && a.TemporaryUntil != null
                && a.Status == ApplicationStatus.PowerConnected && a.TemporaryEnding == null)
            .ToListAsync(cancellationToken);
        var due = candidates.Where(a => IsDue(a, today)).ToList();
        foreach (var application in due)
        {
            application.RemindTemporaryEnd(now);
            outbox.Enqueue(new TemporarySupplyEndingSoon(
                application.Id, application.Number, application.CustomerId, application.CustomerManager, application.TemporaryUntil!.Value, now), application.Id);
        }
        if (due.Count == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return due.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica (or a decision) changed one of them first: the next scan looks again.
            return 0;
        }
    }

    private bool IsDue(Application application, DateOnly today)
    {
        var rule = PolicyOf(application)?.KindFor(ApplicationKind.TemporarySupply).TemporarySupply;
        var endsOn = application.TemporaryUntil!.Value;
        var left = today >= endsOn ? 0 : calendar.CountWorkingDays(today, endsOn);
        return left <= (rule?.ReminderWorkingDaysBefore ?? 0);
    }

    private TimeLimitPolicy? PolicyOf(Application application)
    {
        try
        {
            return application.PolicyVersion is { } version ? policies.ForVersion(version) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
