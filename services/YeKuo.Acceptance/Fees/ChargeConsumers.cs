using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.Fees;

/// <summary>核定: the charges of one revision of the scheme, item by item (the latest revision is the application's).</summary>
public sealed class ChargesAssessedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ChargesAssessed, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargesAssessed message, ConsumeContext<ChargesAssessed> context)
    {
        if (await Db.ChargeAssessments.AnyAsync(a => a.ApplicationId == message.ApplicationId && a.Revision == message.Revision, context.CancellationToken))
        {
            return;
        }
        Db.ChargeAssessments.Add(new ChargeAssessmentRecord
        {
            ApplicationId = message.ApplicationId,
            Revision = message.Revision,
            TariffVersion = message.TariffVersion,
            Total = message.Total,
            AssessedAt = message.AssessedAt,
        });
        Db.ChargeEntries.AddRange(message.Items.Select(line => new ChargeEntry
        {
            ApplicationId = message.ApplicationId,
            Kind = ChargeEntryKind.Assessed,
            Revision = message.Revision,
            MovementId = Guid.Empty,
            Item = line.Item,
            Name = line.Name,
            Basis = line.Basis,
            Quantity = line.Quantity,
            UnitAmount = line.UnitAmount,
            Amount = line.Amount,
            At = message.AssessedAt,
        }));
    }
}

/// <summary>缴费: a payment, item by item.</summary>
public sealed class ChargesPaidConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ChargesPaid, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargesPaid message, ConsumeContext<ChargesPaid> context)
    {
        if (await Db.ChargeEntries.AnyAsync(e => e.ApplicationId == message.ApplicationId && e.Kind == ChargeEntryKind.Paid && e.MovementId == message.PaymentId, context.CancellationToken))
        {
            return;
        }
        Db.ChargeEntries.AddRange(message.Items.Select(item => new ChargeEntry
        {
            ApplicationId = message.ApplicationId,
            Kind = ChargeEntryKind.Paid,
            MovementId = message.PaymentId,
            Item = item.Item,
            Amount = item.Amount,
            At = message.PaidAt,
        }));
    }
}

/// <summary>退费: a refund, item by item.</summary>
public sealed class ChargesRefundedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ChargesRefunded, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargesRefunded message, ConsumeContext<ChargesRefunded> context)
    {
        if (await Db.ChargeEntries.AnyAsync(e => e.ApplicationId == message.ApplicationId && e.Kind == ChargeEntryKind.Refunded && e.MovementId == message.RefundId, context.CancellationToken))
        {
            return;
        }
        Db.ChargeEntries.AddRange(message.Items.Select(item => new ChargeEntry
        {
            ApplicationId = message.ApplicationId,
            Kind = ChargeEntryKind.Refunded,
            MovementId = message.RefundId,
            Item = item.Item,
            Amount = item.Amount,
            At = message.RefundedAt,
        }));
    }
}
