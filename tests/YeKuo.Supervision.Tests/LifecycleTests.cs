using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>Timers follow the work item through the worklist API: pause, resume, complete, cancel.</summary>
public sealed class LifecycleTests : IDisposable
{
    private static readonly DateTimeOffset Opened = China.At(2026, 3, 2, 10);
    private static readonly DateTimeOffset HalfUsed = China.At(2026, 3, 9, 17);
    private static readonly DateTimeOffset Due = China.At(2026, 3, 17, 0);

    private readonly SupervisionWorld _world = new(Opened);

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_paused_item_raises_nothing_and_resuming_replans_from_the_moved_due()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        // 48 h of working time spent, then the customer is waited on from Wed 4 March 10:00 to Tue 10 March 10:00.
        _world.Time.SetUtcNow(China.At(2026, 3, 4, 10));
        Replica.AssertOk(await service.PauseAsync(item.Id));
        Assert.Empty(await service.TimersAsync(item.Id));

        // The original half-used moment passes while paused.
        _world.Time.SetUtcNow(HalfUsed);
        await service.ScanAsync();
        _world.Time.SetUtcNow(China.At(2026, 3, 10, 9, 59));
        await service.ScanAsync();
        Assert.Empty(await service.WarningsAsync());

        _world.Time.SetUtcNow(China.At(2026, 3, 10, 10));
        Replica.AssertOk(await service.ResumeAsync(item.Id));

        // Four working days paused (96 h): every moment moves four working days later.
        var resumed = await service.ItemAsync(item.Id);
        Assert.Equal(China.At(2026, 3, 21, 0), resumed.DueAt);
        var pending = Assert.Single(await service.TimersAsync(item.Id));
        Assert.Equal((SupervisionLevel.HalfUsed, China.At(2026, 3, 13, 17)), (pending.Level, pending.FireAt));

        _world.Time.SetUtcNow(China.At(2026, 3, 13, 16, 59));
        await service.ScanAsync();
        Assert.Empty(await service.WarningsAsync());

        _world.Time.SetUtcNow(China.At(2026, 3, 13, 17));
        await service.ScanAsync();
        var warning = Assert.Single(await service.WarningsAsync());
        Assert.Equal(DeadlineLevel.HalfUsed, warning.Level);
        Assert.Equal(resumed.DueAt, warning.DueAt);

        // Each level fired plans the next, on the moved clock too.
        pending = Assert.Single(await service.TimersAsync(item.Id), t => t.FiredAt is null);
        Assert.Equal((SupervisionLevel.MostlyUsed, China.At(2026, 3, 18, 21, 12)), (pending.Level, pending.FireAt));
        _world.Time.SetUtcNow(China.At(2026, 3, 18, 21, 12));
        await service.ScanAsync();
        pending = Assert.Single(await service.TimersAsync(item.Id), t => t.FiredAt is null);
        Assert.Equal((SupervisionLevel.Overdue, resumed.DueAt!.Value), (pending.Level, pending.FireAt));

        // Escalation is due with overdue (EscalateAfter 0): both fire in one scan.
        _world.Time.SetUtcNow(resumed.DueAt.Value);
        await service.ScanAsync();
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed, DeadlineLevel.Overdue], (await service.WarningsAsync()).Select(w => w.Level));
        Assert.Single(await service.EscalationsAsync());
        Assert.All(await service.TimersAsync(item.Id), t => Assert.NotNull(t.FiredAt));
    }

    [Fact]
    public async Task A_paused_item_raises_nothing_even_long_past_its_due()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        _world.Time.SetUtcNow(China.At(2026, 3, 3, 10));
        Replica.AssertOk(await service.PauseAsync(item.Id));

        for (var at = _world.Time.GetUtcNow(); at <= Due + TimeSpan.FromDays(30); at += TimeSpan.FromDays(1))
        {
            _world.Time.SetUtcNow(at);
            await service.ScanAsync();
        }

        Assert.Empty(await service.WarningsAsync());
        Assert.Empty(await service.EscalationsAsync());
    }

    [Fact]
    public async Task A_level_fired_before_a_pause_is_not_fired_again_after_resume()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        _world.Time.SetUtcNow(HalfUsed + TimeSpan.FromHours(1));
        await service.ScanAsync();
        var firedAt = Assert.Single(await service.TimersAsync(item.Id), t => t.FiredAt is not null).FiredAt;

        Replica.AssertOk(await service.PauseAsync(item.Id));
        var kept = Assert.Single(await service.TimersAsync(item.Id));
        Assert.Equal(SupervisionLevel.HalfUsed, kept.Level);
        Assert.Equal(firedAt, kept.FiredAt);

        _world.Time.Advance(TimeSpan.FromDays(2));
        Replica.AssertOk(await service.ResumeAsync(item.Id));
        // The fired level stays fired; the next one is planned.
        Assert.Equal([(SupervisionLevel.HalfUsed, true), (SupervisionLevel.MostlyUsed, false)],
            (await service.TimersAsync(item.Id)).OrderBy(t => t.Level).Select(t => (t.Level, t.FiredAt is not null)));

        for (var at = _world.Time.GetUtcNow(); at <= Due + TimeSpan.FromDays(10); at += TimeSpan.FromHours(5))
        {
            _world.Time.SetUtcNow(at);
            await service.ScanAsync();
        }

        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed, DeadlineLevel.Overdue], (await service.WarningsAsync()).Select(w => w.Level));
        Assert.Single(await service.EscalationsAsync());
    }

    [Fact]
    public async Task Pausing_as_another_replica_fires_the_items_warning_pauses_it_and_keeps_the_warning_fired_once()
    {
        // The scanner fires the half-used warning (and plans the next level) after the pause's save read the timers and
        // before it deletes the pending one: nobody changed the work item, so the user's pause must not be a conflict.
        using var scanner = _world.StartReplica();
        var interleave = InterleaveBeforeSave.ScanBeforeSavingTimers(EntityState.Deleted, scanner);
        using var service = _world.StartReplica(interleave);
        var item = await service.OpenAsync();

        _world.Time.SetUtcNow(HalfUsed + TimeSpan.FromHours(1));
        Replica.AssertOk(await service.PauseAsync(item.Id));

        Assert.True(interleave.Interleaved);
        Assert.Equal(WorkItemStatus.Paused, (await service.ItemAsync(item.Id)).Status);
        var kept = Assert.Single(await service.TimersAsync(item.Id));
        Assert.Equal(SupervisionLevel.HalfUsed, kept.Level);
        Assert.NotNull(kept.FiredAt);
        Assert.Equal(DeadlineLevel.HalfUsed, Assert.Single(await service.WarningsAsync()).Level);
    }

    [Fact]
    public async Task Pausing_an_item_another_replica_changed_meanwhile_is_still_a_conflict()
    {
        using var other = _world.StartReplica();
        Guid itemId = default;
        var interleave = new InterleaveBeforeSave(
            db => db.ChangeTracker.Entries<WorkItem>().Any(e => e.State == EntityState.Modified),
            async () => Replica.AssertOk(await other.CompleteAsync(itemId)));
        using var service = _world.StartReplica(interleave);
        itemId = (await service.OpenAsync()).Id;

        var paused = await service.PauseAsync(itemId);

        Assert.True(interleave.Interleaved);
        var conflict = Assert.IsType<ProblemHttpResult>(paused);
        Assert.Equal(409, conflict.StatusCode);
        Assert.Equal(WorkItemStatus.Completed, (await service.ItemAsync(itemId)).Status);
        Assert.Empty(await service.TimersAsync(itemId));
    }

    [Fact]
    public async Task Completing_the_item_deletes_its_pending_timers_and_keeps_the_fired_ones()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        _world.Time.SetUtcNow(HalfUsed);
        await service.ScanAsync();

        _world.Time.Advance(TimeSpan.FromHours(2));
        Replica.AssertOk(await service.CompleteAsync(item.Id));

        var left = Assert.Single(await service.TimersAsync(item.Id));
        Assert.Equal(SupervisionLevel.HalfUsed, left.Level);
        Assert.NotNull(left.FiredAt);

        _world.Time.SetUtcNow(Due + TimeSpan.FromDays(3));
        await service.ScanAsync();
        Assert.Single(await service.WarningsAsync());
        Assert.Empty(await service.EscalationsAsync());
    }

    [Fact]
    public async Task Cancelling_the_item_deletes_its_pending_timers()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        // What the withdrawal consumer does.
        _world.Time.Advance(TimeSpan.FromDays(1));
        await service.UseAsync(async db =>
        {
            var tracked = await db.WorkItems.SingleAsync(w => w.Id == item.Id);
            tracked.Cancel("客户撤回: 项目取消", _world.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });
        Assert.Empty(await service.TimersAsync(item.Id));

        _world.Time.SetUtcNow(Due + TimeSpan.FromDays(3));
        await service.ScanAsync();
        Assert.Empty(await service.WarningsAsync());
        Assert.Empty(await service.EscalationsAsync());
    }

    [Fact]
    public async Task Timers_of_an_item_closed_without_the_planner_are_dropped_instead_of_fired()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        await service.UseAsync(db => db.WorkItems.Where(w => w.Id == item.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.Status, WorkItemStatus.Completed)));

        _world.Time.SetUtcNow(Due + TimeSpan.FromDays(1));
        var scan = await service.ScanAsync();

        Assert.Equal(0, scan.Raised);
        Assert.Equal(1, scan.Dropped);
        Assert.Empty(await service.TimersAsync(item.Id));
        Assert.Empty(await service.WarningsAsync());
    }

    [Fact]
    public async Task A_running_item_without_timers_is_planned_by_the_next_scan()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        // As if the item had been opened before supervision existed.
        await service.UseAsync(db => db.SupervisionTimers.ExecuteDeleteAsync());

        _world.Time.SetUtcNow(HalfUsed);
        var scan = await service.ScanAsync();

        Assert.Equal(1, scan.Planned);
        Assert.Equal([(SupervisionLevel.HalfUsed, true), (SupervisionLevel.MostlyUsed, false)],
            (await service.TimersAsync(item.Id)).OrderBy(t => t.Level).Select(t => (t.Level, t.FiredAt is not null)));
        Assert.Equal(DeadlineLevel.HalfUsed, Assert.Single(await service.WarningsAsync()).Level);
        Assert.Equal(0, (await service.ScanAsync()).Planned);
    }

    [Fact]
    public async Task Opening_an_item_plans_one_timer_for_its_first_level()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        var timer = Assert.Single(await service.TimersAsync(item.Id));
        Assert.Equal((SupervisionLevel.HalfUsed, HalfUsed, (DateTimeOffset?)null), (timer.Level, timer.FireAt, timer.FiredAt));
    }

    [Fact]
    public async Task An_item_with_a_timer_per_level_from_an_earlier_version_fires_each_level_once_and_keeps_one_pending()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        // The earlier version planned every level at opening.
        await service.UseAsync(async (db, services) =>
        {
            var tracked = await db.WorkItems.SingleAsync(w => w.Id == item.Id);
            var moments = services.GetRequiredService<SupervisionPlanner>().Moments(tracked, []);
            foreach (var (level, fireAt) in moments.Where(m => m.Key != SupervisionLevel.HalfUsed))
            {
                db.SupervisionTimers.Add(SupervisionTimer.For(tracked, level, fireAt));
            }
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(4, (await service.TimersAsync(item.Id)).Count);

        _world.Time.SetUtcNow(HalfUsed);
        Assert.Equal(1, (await service.ScanAsync()).Raised);
        // Firing the first planned the next from what was there: the later levels' rows went.
        Assert.Equal([(SupervisionLevel.HalfUsed, true), (SupervisionLevel.MostlyUsed, false)],
            (await service.TimersAsync(item.Id)).OrderBy(t => t.Level).Select(t => (t.Level, t.FiredAt is not null)));

        _world.Time.SetUtcNow(Due + TimeSpan.FromDays(1));
        Assert.Equal(3, (await service.ScanAsync()).Raised);
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed, DeadlineLevel.Overdue], (await service.WarningsAsync()).Select(w => w.Level));
        Assert.Single(await service.EscalationsAsync());
    }

    [Fact]
    public async Task Claiming_an_item_leaves_its_timers_alone()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        var before = await service.TimersAsync(item.Id);

        await service.UseAsync(async db =>
        {
            var tracked = await db.WorkItems.SingleAsync(w => w.Id == item.Id);
            tracked.Claim("zhao.lei", _world.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var after = await service.TimersAsync(item.Id);
        Assert.Equal(before.Select(t => (t.Id, t.Version, t.FireAt)).OrderBy(t => t.Id), after.Select(t => (t.Id, t.Version, t.FireAt)).OrderBy(t => t.Id));

        _world.Time.SetUtcNow(HalfUsed);
        await service.ScanAsync();
        Assert.Equal("zhao.lei", Assert.Single(await service.WarningsAsync()).Assignee);
    }
}
