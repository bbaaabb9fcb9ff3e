using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging.Outbox;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// Computes an application's charges for its 供电方案答复: the tariff version in force on the reply day (China time), the
/// scheme's capacity and sources, 三零 from the application's time-limit document. The reply and the charge account
/// arrive by different routes (the reply through this service's API, the account from 受理's <c>ApplicationAccepted</c>
/// on its own queue), so the charges are assessed by whichever comes second: with the reply, in its transaction, when the
/// account is open; otherwise when the account opens, from the latest replied scheme. Either way as of the reply.
/// </summary>
public sealed class ChargeAssessor(SupplySchemeDbContext db, TariffBook tariffs, TimeLimitPolicyBook policies, IEventOutbox outbox)
{
    /// <summary>With the reply: assesses now if the account is open (otherwise <see cref="AssessOpenedAsync"/> will).</summary>
    public async Task AssessRepliedAsync(Guid applicationId, SchemeReplyOutcome scheme, DateTimeOffset repliedAt, CancellationToken cancellationToken)
    {
        if (await db.ChargeAccounts.FirstOrDefaultAsync(a => a.ApplicationId == applicationId, cancellationToken) is { } account)
        {
            Assess(account, scheme.CapacityKva, scheme.SourceCount, repliedAt);
        }
    }

    /// <summary>When the account opens: the charges of a scheme replied before it did, if any.</summary>
    public async Task AssessOpenedAsync(ChargeAccount account, CancellationToken cancellationToken)
    {
        var replied = await db.SchemeReviews
            .Where(r => r.ApplicationId == account.ApplicationId && r.RepliedAt != null)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        if (replied is { RepliedAt: { } repliedAt })
        {
            Assess(account, replied.CapacityKva, replied.SourceCount, repliedAt);
        }
    }

    private void Assess(ChargeAccount account, decimal capacityKva, int sourceCount, DateTimeOffset repliedAt)
    {
        var zeroService = policies.ForVersion(account.PolicyVersion).ProfileFor(account.CustomerClass).ZeroService;
        var tariff = tariffs.ForDate(ChinaTime.BusinessDate(repliedAt));
        var assessed = account.Assess(tariff, new ChargedScheme(account.Kind, account.CustomerClass, zeroService, capacityKva, sourceCount), repliedAt);
        outbox.Enqueue(assessed, account.ApplicationId);
    }
}
