using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Acceptance.Domain;

namespace YeKuo.Acceptance.Infrastructure;

/// <summary>Picks the 客户经理 with the fewest active applications (ties: the pool's order), so load stays balanced.</summary>
public sealed class CustomerManagerAssigner(AcceptanceDbContext db, IOptions<CustomerManagerOptions> options)
{
    public async Task<string> PickAsync(CancellationToken cancellationToken)
    {
        var pool = options.Value.Names;
        if (pool.Count == 0)
        {
            throw new InvalidOperationException("CustomerManagers:Names is empty; configure the 客户经理 pool.");
        }

        var load = await db.Applications
            .Where(a => a.CustomerManager != null && a.Status == ApplicationStatus.InProgress)
            .GroupBy(a => a.CustomerManager!)
            .Select(g => new { Manager = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Manager, x => x.Count, cancellationToken);

        // Include the ones being accepted in this unit of work but not yet saved.
        foreach (var pending in db.ChangeTracker.Entries<Application>()
                     .Where(e => e.State == EntityState.Modified && e.Entity.CustomerManager is not null
                         && e.Property(a => a.CustomerManager).IsModified))
        {
            load[pending.Entity.CustomerManager!] = load.GetValueOrDefault(pending.Entity.CustomerManager!) + 1;
        }

        return pool.OrderBy(name => load.GetValueOrDefault(name)).ThenBy(pool.IndexOf).First();
    }
}
