using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace YeKuo.Acceptance.Infrastructure;

/// <summary>
/// The per-customer limit on submissions, counted in this service's database (the customer's applications submitted
/// in the last 24 hours), so it holds whoever submits (the customer or a clerk for them) and behind any number of
/// gateways. Checked inside the numbering gate, so one instance never lets a burst past it.
/// </summary>
public sealed class SubmissionQuota(IOptions<SubmissionQuotaOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>How long until <paramref name="customerId"/> may submit again, or null when they may now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(AcceptanceDbContext db, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.PerCustomerPerDay;
        var since = now - Window;
        var recent = await db.Applications.AsNoTracking()
            .Where(a => a.CustomerId == customerId && a.SubmittedAt > since)
            .OrderByDescending(a => a.SubmittedAt)
            .Select(a => a.SubmittedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return recent.Count < limit ? null : recent[^1] + Window - now;
    }
}
