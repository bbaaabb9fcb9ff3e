using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>Each (work item, level) raises its event once: across restarts, with two replicas, with a large backlog.</summary>
public sealed class ExactlyOnceTests : IDisposable
{
    private static readonly DateTimeOffset Opened = China.At(2026, 3, 2, 10);
    private static readonly DateTimeOffset HalfUsed = China.At(2026, 3, 9, 17);
    private static readonly DateTimeOffset MostlyUsed = China.At(2026, 3, 12, 21, 12);
    private static readonly DateTimeOffset Due = China.At(2026, 3, 17, 0);

    private readonly SupervisionWorld _world = new(Opened);

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_restarted_service_fires_nothing_that_already_fired()
    {
        Guid itemId;
        using (var before = _world.StartReplica())
        {
            itemId = (await before.OpenAsync()).Id;
            _world.Time.SetUtcNow(MostlyUsed);
            await before.ScanAsync();
            Assert.Equal(2, (await before.WarningsAsync()).Count);
        }

        using var after = _world.StartReplica();
        await after.ScanAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        await after.ScanAsync();
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed], (await after.WarningsAsync()).Select(w => w.Level));

        // What had not fired yet still fires, once.
        _world.Time.SetUtcNow(Due);
        await after.ScanAsync();
        await after.ScanAsync();
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed, DeadlineLevel.Overdue], (await after.WarningsAsync()).Select(w => w.Level));
        Assert.Equal(itemId, Assert.Single(await after.EscalationsAsync()).WorkItemId);
    }

    [Fact]
    public async Task Two_replicas_scanning_the_same_database_raise_each_event_once()
    {
        _world.Settings["Supervision:BatchSize"] = "7";
        using var a = _world.StartReplica();
        using var b = _world.StartReplica();
        var items = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            items.Add((await (i % 2 == 0 ? a : b).OpenAsync()).Id);
        }

        foreach (var moment in new[] { HalfUsed, MostlyUsed, Due, Due + TimeSpan.FromDays(1) })
        {
            _world.Time.SetUtcNow(moment);
            var scans = await Task.WhenAll(Task.Run(() => a.ScanAsync()), Task.Run(() => b.ScanAsync()));
            var expected = moment == HalfUsed || moment == MostlyUsed ? 30 : moment == Due ? 60 : 0;
            Assert.Equal(expected, scans.Sum(s => s.Raised));
        }

        var warnings = await a.WarningsAsync();
        Assert.Equal(90, warnings.Count);
        Assert.All(warnings.GroupBy(w => (w.WorkItemId, w.Level)), g => Assert.Single(g));
        var escalations = await b.EscalationsAsync();
        Assert.Equal(items.Order(), escalations.Select(e => e.WorkItemId).Order());
    }

    [Fact]
    public async Task A_replica_whose_claim_lost_the_race_rolls_back_and_raises_nothing()
    {
        using var winner = _world.StartReplica();
        var interleave = InterleaveBeforeSave.ScanBeforeSavingTimers(EntityState.Modified, winner);
        using var loser = _world.StartReplica(interleave);
        for (var i = 0; i < 5; i++)
        {
            await winner.OpenAsync();
        }

        // The loser reads the due timers, then, just before it saves its claims, the winner scans and claims them all.
        _world.Time.SetUtcNow(HalfUsed);
        var lost = await loser.ScanAsync();

        Assert.True(interleave.Interleaved);
        Assert.Equal(0, lost.Raised);
        var warnings = await loser.WarningsAsync();
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings.GroupBy(w => w.WorkItemId), g => Assert.Single(g));
    }

    [Fact]
    public async Task A_backlog_of_thousands_of_due_timers_fires_in_batches_each_once()
    {
        _world.Settings["Supervision:BatchSize"] = "250";
        using var service = _world.StartReplica();
        await service.UseAsync(async db =>
        {
            for (var i = 0; i < 600; i++)
            {
                db.WorkItems.Add(Open(service, i));
            }
            await db.SaveChangesAsync();
        });
        // One pending timer per item (its next level); each level fired plans the following one.
        Assert.Equal(600, await service.UseAsync((db, _) => db.SupervisionTimers.CountAsync()));

        _world.Time.SetUtcNow(Due + TimeSpan.FromDays(2));
        var scan = await service.ScanAsync();

        // All four levels of every item in the one scan (the later ones planned as the earlier fired).
        Assert.Equal(2400, scan.Raised);
        Assert.Equal(2400, await service.UseAsync((db, _) => db.SupervisionTimers.CountAsync()));
        Assert.Equal(1800, (await service.WarningsAsync()).Count);
        Assert.Equal(600, (await service.EscalationsAsync()).Count);
        Assert.Equal(0, await service.UseAsync((db, _) => db.SupervisionTimers.CountAsync(t => t.FiredAt == null)));
        Assert.Equal(0, (await service.ScanAsync()).Raised);
    }

    private static Workflow.Hosting.Domain.WorkItem Open(Replica service, int n)
    {
        var now = service.Time.GetUtcNow();
        return Workflow.Hosting.Domain.WorkItem.Open(
            Guid.NewGuid(), $"YK20260302{n:000000}", $"cust-{n}", CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion,
            Step.SchemeReply, Department.SupplyScheme, round: 1, TestPlans.HighVoltage, now,
            service.Deadlines.For(CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion, Step.SchemeReply, now));
    }
}
