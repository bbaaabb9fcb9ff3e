using Microsoft.EntityFrameworkCore;
using YeKuo.Metering.Infrastructure;
using YeKuo.ServiceDefaults.Hosting;
using YeKuo.Workflow.Hosting.Consumers;

namespace YeKuo.Metering.Fees;

/// <summary>
/// The safety net of the payment gate, as the outbox relay is of publishing: the contract's handoff and the fee events are
/// consumed in separate transactions; both write the clearance (its <see cref="ChargeClearance.Version"/>), so one that
/// read the other's state stale fails its commit and runs again. Should a held handoff whose charges are settled remain
/// all the same, every <see cref="Interval"/> it is released here; a release that meets a consumer releasing the same
/// one loses the delete and is dropped.
/// </summary>
public sealed class HeldHandoffSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<HeldHandoffSweeper> logger) : RecurringPass(time, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    protected override string PassName => "sweep of held 装表接电 handoffs";

    protected override TimeSpan FirstPassAfter => Interval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One sweep: opens the held 装表接电 of every application whose charges are settled; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeteringDbContext>();
        var held = await db.HeldHandoffs.AsNoTracking().Select(h => h.ApplicationId).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var applicationId in held)
        {
            await using var release = scopes.CreateAsyncScope();
            var context = release.ServiceProvider.GetRequiredService<MeteringDbContext>();
            var clearance = await context.ChargeClearances.FirstOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);
            if (clearance is not { IsSettled: true })
            {
                continue;
            }
            await ChargeClearances.ReleaseIfSettledAsync(context, release.ServiceProvider.GetRequiredService<StepOpener<MeteringDbContext>>(), clearance, cancellationToken);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                released++;
                Logger.LogInformation("Released the held 装表接电 of {ApplicationId}: its charges are settled", applicationId);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A fee event's consumer released it first.
            }
        }
        return released;
    }
}
