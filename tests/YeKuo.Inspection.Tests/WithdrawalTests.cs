using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Inspection.Tests;

/// <summary>A withdrawal (客户撤回) meeting a handoff of the same application, as a department service runs it (here 工程检查's).</summary>
public sealed class WithdrawalTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    [Fact]
    public async Task Work_a_handoff_opened_at_the_moment_of_the_withdrawal_is_cancelled_by_the_next_supervision_scan()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();

        // The handoff reads the application as not closed and the withdrawal reads no work open before either commits
        // (the database's write turn is held while both read): both commit, and the work stays open on a withdrawn application.
        using (await app.Services.GetRequiredService<DatabaseWriteGate>().EnterAsync(CancellationToken.None))
        {
            await app.Harness.Bus.Publish(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
            await app.Harness.Bus.Publish(application.Withdrawn(Monday10));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await InspectionApp.WaitUntilAsync(async () => await app.QueryAsync(async db =>
            await db.ClosedApplications.AnyAsync(c => c.ApplicationId == application.ApplicationId)
            && await db.WorkItems.AnyAsync(w => w.ApplicationId == application.ApplicationId)), "the withdrawal and the handoff to commit");

        var scan = await app.Services.GetRequiredService<SupervisionScanner>().ScanOnceAsync();

        var item = Assert.Single(await app.QueryAsync(db => db.WorkItems.AsNoTracking().Where(w => w.ApplicationId == application.ApplicationId).ToListAsync()));
        Assert.Equal((WorkItemStatus.Cancelled, $"{ClosedApplication.WithdrawnCancelReason} (opened as the application was withdrawn)"), (item.Status, item.CancelReason));
        // This scan cancelled it, or the periodic one a moment before: either way once.
        Assert.InRange(scan.Cancelled, 0, 1);
        Assert.Equal(0, (await app.Services.GetRequiredService<SupervisionScanner>().ScanOnceAsync()).Cancelled);
    }
}
