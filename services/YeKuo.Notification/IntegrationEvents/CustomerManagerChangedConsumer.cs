using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// A customer was handed to another 客户经理: the manager record of each of their open applications follows, so the new
/// manager sees their notices and receives the next warnings (an older <c>ApplicationAccepted</c> arriving later never
/// puts the previous manager back).
/// </summary>
public sealed class CustomerManagerChangedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<CustomerManagerChanged>(db, time)
{
    protected override async Task RecordAsync(CustomerManagerChanged message, CancellationToken cancellationToken)
    {
        var ids = message.ApplicationIds.ToArray();
        var known = await Db.ManagedApplications.Where(m => ids.Contains(m.ApplicationId)).ToDictionaryAsync(m => m.ApplicationId, cancellationToken);
        foreach (var id in ids)
        {
            if (known.TryGetValue(id, out var managed))
            {
                managed.Assign(message.CustomerManager, message.ChangedAt);
            }
            else
            {
                Db.ManagedApplications.Add(ManagedApplication.Create(id, message.CustomerId, message.CustomerManager, message.ChangedAt));
            }
        }
    }
}
