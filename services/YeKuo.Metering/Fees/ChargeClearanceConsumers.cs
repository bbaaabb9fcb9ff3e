using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Persistence;
using YeKuo.Metering.Infrastructure;
using YeKuo.Workflow.Hosting.Consumers;

namespace YeKuo.Metering.Fees;

/// <summary>The charges of the latest scheme revision: a held 装表接电 opens if nothing is payable.</summary>
public sealed class ChargesAssessedConsumer(MeteringDbContext db, TimeProvider time, StepOpener<MeteringDbContext> opener)
    : IdempotentConsumer<ChargesAssessed, MeteringDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargesAssessed message, ConsumeContext<ChargesAssessed> context)
    {
        var clearance = await ChargeClearances.ForUpdateAsync(Db, message.ApplicationId, context.CancellationToken);
        if (message.Revision > clearance.Revision)
        {
            clearance.Revision = message.Revision;
            clearance.Total = message.Total;
        }
        await ChargeClearances.ReleaseIfSettledAsync(Db, opener, clearance, context.CancellationToken);
    }
}

/// <summary>A payment: once the balance is settled, a held 装表接电 opens.</summary>
public sealed class ChargesPaidConsumer(MeteringDbContext db, TimeProvider time, StepOpener<MeteringDbContext> opener)
    : IdempotentConsumer<ChargesPaid, MeteringDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargesPaid message, ConsumeContext<ChargesPaid> context)
    {
        var clearance = await ChargeClearances.ForUpdateAsync(Db, message.ApplicationId, context.CancellationToken);
        clearance.Paid += message.Amount;
        await ChargeClearances.ReleaseIfSettledAsync(Db, opener, clearance, context.CancellationToken);
    }
}

internal static class ChargeClearances
{
    private static readonly ModelQuery<Func<MeteringDbContext, Guid, CancellationToken, Task<ChargeClearance?>>> StoredClearance = new(() =>
        EF.CompileAsyncQuery((MeteringDbContext db, Guid applicationId, CancellationToken _) =>
            db.ChargeClearances.FirstOrDefault(c => c.ApplicationId == applicationId)));

    private static readonly ModelQuery<Func<MeteringDbContext, Guid, CancellationToken, Task<HeldHandoff?>>> StoredHold = new(() =>
        EF.CompileAsyncQuery((MeteringDbContext db, Guid applicationId, CancellationToken _) =>
            db.HeldHandoffs.FirstOrDefault(h => h.ApplicationId == applicationId)));

    /// <summary>The application's clearance as this transaction sees it: tracked first (a fee event being consumed may have
    /// added or changed it here), else from the database.</summary>
    public static async Task<ChargeClearance?> FindAsync(MeteringDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        db.ChargeClearances.Local.FirstOrDefault(c => c.ApplicationId == applicationId)
        ?? await StoredClearance.For(db)(db, applicationId, cancellationToken);

    /// <summary>The application's 装表接电 handoff held until the charges are paid (tracked), or null when none is held.</summary>
    public static Task<HeldHandoff?> HeldAsync(MeteringDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        StoredHold.For(db)(db, applicationId, cancellationToken);

    /// <summary>
    /// The clearance to write (added when none exists yet), already marked written (<see cref="ChargeClearance.Touch"/>):
    /// every fee event and every hold goes through here, so any two of them that read it at once conflict.
    /// </summary>
    public static async Task<ChargeClearance> ForUpdateAsync(MeteringDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        var clearance = await FindAsync(db, applicationId, cancellationToken);
        if (clearance is null)
        {
            clearance = new ChargeClearance { ApplicationId = applicationId };
            db.ChargeClearances.Add(clearance);
        }
        clearance.Touch();
        return clearance;
    }

    /// <summary>Opens the held 装表接电 (same transaction) once the charges are settled.</summary>
    public static async Task ReleaseIfSettledAsync(MeteringDbContext db, StepOpener<MeteringDbContext> opener, ChargeClearance clearance, CancellationToken cancellationToken)
    {
        if (!clearance.IsSettled)
            return;
        var held = await HeldAsync(db, clearance.ApplicationId, cancellationToken);
        if (held is null)
            return;
        db.HeldHandoffs.Remove(held);
        // The wait for the payment is the customer's time: it does not count against 装表接电.
        await opener.OpenAsync(PaymentGate.Read(held), cancellationToken, (held.HeldAt, PaymentGate.CustomerTimeReason));
    }
}
