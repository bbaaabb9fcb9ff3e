using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Infrastructure;

namespace YeKuo.Acceptance.Fees;

/// <summary>
/// The one place that answers "what did application X cost": its charges assessed (the latest revision), paid and refunded,
/// item by item, from the fee events (<c>ChargesAssessed</c>, <c>ChargesPaid</c>, <c>ChargesRefunded</c>). The reports,
/// the charges API and anything else that needs an application's cost read it here.
/// </summary>
public sealed class ApplicationCosts(AcceptanceDbContext db)
{
    public async Task<ApplicationCost> OfAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await OfAsync([applicationId], cancellationToken))[applicationId];

    /// <summary>The cost of each application asked for (every id is in the answer; not assessed ones with zeros).</summary>
    public async Task<IReadOnlyDictionary<Guid, ApplicationCost>> OfAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken)
    {
        var ids = applicationIds.Distinct().ToArray();
        var assessments = new List<ChargeAssessmentRecord>();
        var entries = new List<ChargeEntry>();
        // In chunks: SQL parameters are limited.
        foreach (var chunk in ids.Chunk(500))
        {
            assessments.AddRange(await db.ChargeAssessments.AsNoTracking().Where(a => chunk.Contains(a.ApplicationId)).ToListAsync(cancellationToken));
            entries.AddRange(await db.ChargeEntries.AsNoTracking().Where(e => chunk.Contains(e.ApplicationId)).ToListAsync(cancellationToken));
        }
        var latest = assessments.GroupBy(a => a.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Revision)!);
        var byApplication = entries.ToLookup(e => e.ApplicationId);
        return ids.ToDictionary(id => id, id => Build(id, latest.GetValueOrDefault(id), byApplication[id].ToArray()));
    }

    /// <summary>Every application with a charges record (for the reports).</summary>
    public async Task<IReadOnlyDictionary<Guid, ApplicationCost>> AllAsync(CancellationToken cancellationToken)
    {
        var ids = await db.ChargeAssessments.AsNoTracking().Select(a => a.ApplicationId)
            .Union(db.ChargeEntries.AsNoTracking().Select(e => e.ApplicationId)).ToListAsync(cancellationToken);
        return await OfAsync(ids, cancellationToken);
    }

    private static ApplicationCost Build(Guid applicationId, ChargeAssessmentRecord? assessment, IReadOnlyList<ChargeEntry> entries)
    {
        if (assessment is null && entries.Count == 0)
        {
            return ApplicationCost.NotAssessed(applicationId);
        }
        var assessed = entries.Where(e => e.Kind == ChargeEntryKind.Assessed && e.Revision == assessment?.Revision).ToArray();
        // Every item ever assessed, paid or refunded: an item dropped by a revision keeps what was paid for it.
        var items = entries.Select(e => e.Item).Distinct()
            .Select(item =>
            {
                var line = assessed.FirstOrDefault(e => e.Item == item)
                    ?? entries.Where(e => e.Item == item && e.Kind == ChargeEntryKind.Assessed).MaxBy(e => e.Revision);
                return new ItemCost(
                    item, line?.Name, line?.Basis, line?.Quantity, line?.UnitAmount,
                    assessed.Where(e => e.Item == item).Sum(e => e.Amount),
                    entries.Where(e => e.Item == item && e.Kind == ChargeEntryKind.Paid).Sum(e => e.Amount),
                    entries.Where(e => e.Item == item && e.Kind == ChargeEntryKind.Refunded).Sum(e => e.Amount));
            })
            .ToArray();
        return new ApplicationCost(
            applicationId, assessment?.TariffVersion, assessment?.Revision, assessment?.AssessedAt, items,
            items.Sum(i => i.Assessed), items.Sum(i => i.Paid), items.Sum(i => i.Refunded));
    }
}
