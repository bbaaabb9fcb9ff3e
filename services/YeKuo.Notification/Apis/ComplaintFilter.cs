using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Apis;

/// <summary>The <c>status</c> filter of complaint lists: <c>open</c>, <c>overdue</c> (open past its due) or one state.</summary>
internal sealed record ComplaintFilter(bool OpenOnly, bool OverdueOnly, ComplaintStatus? Status)
{
    public static readonly ComplaintFilter Any = new(false, false, null);

    public static readonly ComplaintFilter Open = new(true, false, null);

    public static bool TryParse(string? text, out ComplaintFilter filter)
    {
        filter = text?.Trim().ToLowerInvariant() switch
        {
            null or "" => Any,
            "open" => Open,
            "overdue" => new ComplaintFilter(true, true, null),
            _ => ApiProblems.TryParseName<ComplaintStatus>(text, out var status) ? new ComplaintFilter(false, false, status) : null!,
        };
        return filter is not null;
    }

    /// <summary>Filters and orders: open lists by due (most urgent first), the others newest first.</summary>
    public IQueryable<Complaint> Apply(IQueryable<Complaint> query, DateTimeOffset now)
    {
        if (OpenOnly)
        {
            query = query.Where(c => c.Status != ComplaintStatus.Closed);
        }
        if (OverdueOnly)
        {
            query = query.Where(c => c.DueAt < now);
        }
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        return OpenOnly || Status is { } s && s != ComplaintStatus.Closed
            ? query.OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            : query.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id);
    }
}
