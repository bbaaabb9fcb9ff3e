using Microsoft.EntityFrameworkCore;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>
/// Work left open on a closed application (a handoff and a withdrawal that each read before the other committed) is
/// cancelled by the scan: after a start whatever closure it belongs to, then only that of a recent closure, so a
/// steady scan does not read every open item.
/// </summary>
public sealed class WithdrawalSweepTests : IDisposable
{
    private readonly SupervisionWorld _world = new(China.At(2026, 3, 2, 10));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Work_left_open_on_a_closed_application_is_cancelled_after_a_start_and_then_for_recent_closures_only()
    {
        using var service = _world.StartReplica();
        var now = _world.Time.GetUtcNow();
        var early = await LeftOpenAsync(service, closedAt: now - TimeSpan.FromDays(1));

        Assert.Equal(1, (await service.ScanAsync()).Cancelled);
        Assert.Equal(WorkItemStatus.Cancelled, (await service.ItemAsync(early.Id)).Status);

        // Swept: an old closure's work is no longer looked for (nothing leaves it but a write around the model) ...
        var behindTheModel = await LeftOpenAsync(service, closedAt: now - SupervisionScanner.ClosureRecheck - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await service.ScanAsync()).Cancelled);
        Assert.Equal(WorkItemStatus.Open, (await service.ItemAsync(behindTheModel.Id)).Status);

        // ... a recent one's is, on every scan while it is recent.
        var raced = await LeftOpenAsync(service, closedAt: now - SupervisionScanner.ClosureRecheck + TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await service.ScanAsync()).Cancelled);
        Assert.Equal(WorkItemStatus.Cancelled, (await service.ItemAsync(raced.Id)).Status);

        // The next start looks at every closed application again.
        using var restarted = _world.StartReplica();
        Assert.Equal(1, (await restarted.ScanAsync()).Cancelled);
        Assert.Equal(WorkItemStatus.Cancelled, (await restarted.ItemAsync(behindTheModel.Id)).Status);
        Assert.Equal(0, (await restarted.ScanAsync()).Cancelled);
    }

    [Fact]
    public async Task The_sweep_after_a_start_finds_leftover_work_among_more_closures_than_one_query_holds()
    {
        using var service = _world.StartReplica();
        var longAgo = _world.Time.GetUtcNow() - TimeSpan.FromDays(30);
        await service.UseAsync(async db =>
        {
            // Read before the leftover's in key order and in insertion order alike: it is in the second query.
            for (var i = 0; i < SupervisionScanner.ClosuresPerQuery + 100; i++)
            {
                db.ClosedApplications.Add(new ClosedApplication
                {
                    ApplicationId = new Guid($"00000000-0000-0000-0000-{i:D12}"), Reason = ClosedApplication.Withdrawn, ClosedAt = longAgo,
                });
            }
            await db.SaveChangesAsync();
        });
        var leftover = await LeftOpenAsync(service, closedAt: longAgo);

        Assert.Equal(1, (await service.ScanAsync()).Cancelled);
        Assert.Equal(WorkItemStatus.Cancelled, (await service.ItemAsync(leftover.Id)).Status);
    }

    /// <summary>An open work item whose application this department closed at <paramref name="closedAt"/>.</summary>
    private static async Task<WorkItem> LeftOpenAsync(Replica service, DateTimeOffset closedAt)
    {
        var item = await service.OpenAsync();
        await service.UseAsync(async db =>
        {
            db.ClosedApplications.Add(new ClosedApplication { ApplicationId = item.ApplicationId, Reason = ClosedApplication.Withdrawn, ClosedAt = closedAt });
            await db.SaveChangesAsync();
        });
        Assert.True(await service.UseAsync((db, _) => db.WorkItems.AnyAsync(w => w.Id == item.Id && w.Status == WorkItemStatus.Open)));
        return item;
    }
}
