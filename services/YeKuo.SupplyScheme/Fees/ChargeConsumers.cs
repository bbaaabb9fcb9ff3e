using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Outbox;
using YeKuo.SupplyScheme.Infrastructure;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// 受理 accepted an application: its charge account opens with what the tariff needs (kind, class, time-limit document).
/// A scheme replied before the account opened is charged now, as of the reply; an application withdrawn before the
/// account opened (its withdrawal handled earlier in this lane) gets an account that is withdrawn, with nothing payable.
/// In the charge accounts' lane.
/// </summary>
public sealed class OpenChargeAccountConsumer(SupplySchemeDbContext db, TimeProvider time, ChargeAssessor assessor)
    : IdempotentConsumer<ApplicationAccepted, SupplySchemeDbContext>(db, time)
{
    protected override async Task HandleAsync(ApplicationAccepted message, ConsumeContext<ApplicationAccepted> context)
    {
        if (await ChargeAccountQueries.ExistsAsync(Db, message.ApplicationId, context.CancellationToken))
        {
            return;
        }
        var account = ChargeAccount.Open(message);
        Db.ChargeAccounts.Add(account);
        if (await Db.ClosedApplications.FirstOrDefaultAsync(c => c.ApplicationId == message.ApplicationId, context.CancellationToken) is { } closed)
        {
            // Nothing was paid into an account that did not exist: no refund comes of it.
            account.Withdraw(closed.Reason, Time.GetUtcNow());
            return;
        }
        await assessor.CatchUpAsync(account, context.CancellationToken);
    }
}

/// <summary>
/// A scheme was replied while the account was not open: if it is open now, its charges catch up with the reply;
/// if not, its opening (later in the same lane) will. In the charge accounts' lane.
/// </summary>
public sealed class ChargeRepliedSchemeConsumer(SupplySchemeDbContext db, TimeProvider time, ChargeAssessor assessor)
    : IdempotentConsumer<SchemeRepliedBeforeAcceptance, SupplySchemeDbContext>(db, time)
{
    protected override async Task HandleAsync(SchemeRepliedBeforeAcceptance message, ConsumeContext<SchemeRepliedBeforeAcceptance> context)
    {
        if (await ChargeAccountQueries.FindAsync(Db, message.ApplicationId, context.CancellationToken) is { } account)
        {
            await assessor.CatchUpAsync(account, context.CancellationToken);
        }
    }
}

/// <summary>
/// The customer withdrew: nothing more is payable, and what was paid is refunded (退费), item by item. When the account
/// has not opened yet, the application is recorded as closed (if the department's own withdrawal consumer has not yet),
/// so that the opening, later in the same lane, opens it withdrawn. In the charge accounts' lane.
/// </summary>
public sealed class RefundOnWithdrawalConsumer(SupplySchemeDbContext db, TimeProvider time, IEventOutbox outbox)
    : IdempotentConsumer<ApplicationWithdrawn, SupplySchemeDbContext>(db, time)
{
    protected override async Task HandleAsync(ApplicationWithdrawn message, ConsumeContext<ApplicationWithdrawn> context)
    {
        var account = await ChargeAccountQueries.FindAsync(Db, message.ApplicationId, context.CancellationToken);
        if (account is null)
        {
            await Db.RecordWithdrawalAsync(message.ApplicationId, Time.GetUtcNow(), context.CancellationToken);
        }
        else if (account.Withdraw(message.Reason, Time.GetUtcNow()) is { } refunded)
        {
            outbox.Enqueue(refunded, message.ApplicationId);
        }
    }
}
