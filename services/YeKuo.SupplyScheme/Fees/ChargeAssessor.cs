using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging.Outbox;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// Computes an application's charges with its 供电方案答复 (same transaction): the tariff version in force on the reply
/// day (China time), the scheme's capacity and sources, 三零 from the application's time-limit document.
/// </summary>
public sealed class ChargeAssessor(SupplySchemeDbContext db, TariffBook tariffs, TimeLimitPolicyBook policies, IEventOutbox outbox)
{
    public async Task AssessAsync(Guid applicationId, SchemeReplyOutcome scheme, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.ChargeAccounts.FirstOrDefaultAsync(a => a.ApplicationId == applicationId, cancellationToken)
            ?? throw new ChargeRuleException(
                "The application's acceptance has not reached 供电方案 yet, so its charges cannot be computed: reply again in a moment.");
        var zeroService = policies.ForVersion(account.PolicyVersion).ProfileFor(account.CustomerClass).ZeroService;
        var tariff = tariffs.ForDate(ChinaTime.BusinessDate(now));
        var assessed = account.Assess(tariff, new ChargedScheme(account.Kind, account.CustomerClass, zeroService, scheme.CapacityKva, scheme.SourceCount), now);
        outbox.Enqueue(assessed, applicationId);
    }
}
