using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Live;

namespace YeKuo.Acceptance.Foresight;

/// <summary>
/// The finished applications in the database as schedule history: each one's timeline read onto its network
/// (<see cref="TimelineProgress"/>), so forecasts, what-if replays and bottlenecks see the same activities as the engine.
/// </summary>
public sealed class StoredHistory(AcceptanceDbContext db, TimeProvider time)
{
    public async Task<ApplicationHistory> LoadAsync(int max, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.PowerConnected)
            .OrderByDescending(a => a.ClosedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToArray();
        var timeline = new List<TimelineEntry>();
        // In chunks: SQLite limits the parameters of one query.
        foreach (var chunk in ids.Chunk(500))
        {
            timeline.AddRange(await db.Timeline.AsNoTracking().Where(e => chunk.Contains(e.ApplicationId)).ToListAsync(cancellationToken));
        }
        var byApplication = timeline.ToLookup(e => e.ApplicationId);
        var now = time.GetUtcNow();
        var history = applications
            .Select(a => LiveNetwork.Read(a, byApplication[a.Id], now))
            .Select(n => TimelineProgress.ToHistory(n.Application.Number, n.Template, n.Progress))
            .OfType<HistoricalApplication>()
            .OrderBy(h => h.SubmittedIndex)
            .ToArray();
        return new ApplicationHistory(ScheduleCalendar.Default.Timeline, history)
        {
            Description = $"{history.Length} applications connected (装表接电) as recorded in Acceptance's timeline",
        };
    }
}
