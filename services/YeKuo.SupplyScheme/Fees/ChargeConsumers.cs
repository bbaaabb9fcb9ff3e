using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Outbox;
using YeKuo.SupplyScheme.Infrastructure;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// 受理 accepted an application: its charge account opens with what the tariff needs (kind, class, time-limit document).
/// A scheme replied before the account opened (the acceptance's queue lagged behind the handoff's) is charged now.
/// </summary>
public sealed class OpenChargeAccountConsumer(SupplySchemeDbContext db, TimeProvider time, ChargeAssessor assessor)
    : IdempotentConsumer<ApplicationAccepted, SupplySchemeDbContext>(db, time)
{
    protected override async Task HandleAsync(ApplicationAccepted message, ConsumeContext<ApplicationAccepted> context)
    {
        if (!await Db.ChargeAccounts.AnyAsync(a => a.ApplicationId == message.ApplicationId, context.CancellationToken))
        {
            var account = ChargeAccount.Open(message);
            Db.ChargeAccounts.Add(account);
            await assessor.AssessOpenedAsync(account, context.CancellationToken);
        }
    }
}

/// <summary>The customer withdrew: nothing more is payable, and what was paid is refunded (退费), item by item.</summary>
public sealed class RefundOnWithdrawalConsumer(SupplySchemeDbContext db, TimeProvider time, IEventOutbox outbox)
    : IdempotentConsumer<ApplicationWithdrawn, SupplySchemeDbContext>(db, time)
{
    protected override async Task HandleAsync(ApplicationWithdrawn message, ConsumeContext<ApplicationWithdrawn> context)
    {
        var account = await Db.ChargeAccounts.FirstOrDefaultAsync(a => a.ApplicationId == message.ApplicationId, context.CancellationToken);
        if (account?.Withdraw(message.Reason, Time.GetUtcNow()) is { } refunded)
        {
            outbox.Enqueue(refunded, message.ApplicationId);
        }
    }
}
