using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
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
/// on its own queue). A reply that finds the account open assesses in its own transaction. One that does not cannot
/// rely on the account's opening to see it: the opening may have read the replies just before this one committed and
/// commit just after it read the accounts. So it leaves a <see cref="SchemeRepliedBeforeAcceptance"/> for the charge
/// accounts' lane, which handles it and the application's opening one at a time (<see cref="ChargeAccountLane"/>):
/// whichever of the two comes second there finds the other committed and catches the charges up. Either way as of the
/// reply.
/// </summary>
public sealed class ChargeAssessor(SupplySchemeDbContext db, TariffBook tariffs, TimeLimitPolicyBook policies, IEventOutbox outbox)
{
    /// <summary>With the reply: assesses now if the account is open, otherwise hands the reply to the lane.</summary>
    public async Task AssessRepliedAsync(Guid applicationId, string applicationNumber, SchemeReplyOutcome scheme, DateTimeOffset repliedAt, CancellationToken cancellationToken)
    {
        if (await ChargeAccountQueries.FindAsync(db, applicationId, cancellationToken) is { } account)
        {
            Assess(account, scheme.CapacityKva, scheme.SourceCount, repliedAt);
        }
        else
        {
            outbox.Enqueue(new SchemeRepliedBeforeAcceptance(applicationId, applicationNumber, repliedAt), applicationId);
        }
    }

    /// <summary>
    /// In the lane: assesses the account as of the latest replied scheme unless its charges already are (or later: an
    /// item added on request). Nothing for an account without a reply or a withdrawn one.
    /// </summary>
    public async Task CatchUpAsync(ChargeAccount account, CancellationToken cancellationToken)
    {
        var replied = await db.SchemeReviews
            .Where(r => r.ApplicationId == account.ApplicationId && r.RepliedAt != null)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        if (replied is { RepliedAt: { } repliedAt } && account.WithdrawnAt is null && (account.AssessedAt is not { } assessedAt || assessedAt < repliedAt))
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
