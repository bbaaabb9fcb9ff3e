using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>
/// The worklist and the deadline scan stay flat as work piles up (bench: <c>scale</c>): SQLite reads each of their
/// queries through the index meant for it, in index order, and stops at the page or batch instead of reading and
/// sorting every open item. Plans are checked without statistics, as the services run (they never ANALYZE).
/// </summary>
public sealed class QueryPlanTests : IDisposable
{
    private readonly SupervisionWorld _world = new(China.At(2026, 11, 30, 10));

    public void Dispose() => _world.Dispose();

    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity(
        [new Claim(ClaimNames.Subject, "li.ming"), new Claim(ClaimNames.Role, Roles.Staff), new Claim(ClaimNames.Department, Departments.SupplyScheme)],
        "Test", ClaimNames.Subject, ClaimNames.Role));

    [Theory]
    [InlineData("open")]
    [InlineData("unclaimed")]
    [InlineData("in-progress")]
    [InlineData("paused")]
    public async Task An_open_worklist_page_is_read_in_deadline_order_from_the_open_items_index(string status)
    {
        foreach (var part in new[] { 0, 1 })
        {
            var plan = await PlanAsync(db => Part(db, status, applicationId: null, part));
            Assert.Contains("USING INDEX IX_WorkItems_Open_DueAt_OpenedAt", plan);
            Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan);
        }
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("cancelled")]
    public async Task A_closed_worklist_page_is_read_in_deadline_order_from_the_closed_items_index(string status)
    {
        var plan = await PlanAsync(db => Part(db, status, applicationId: null, 0));
        Assert.Contains("USING INDEX IX_WorkItems_Closed_Status_DueAt_OpenedAt", plan);
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan);
    }

    [Fact]
    public async Task One_applications_worklist_is_found_through_the_application_index()
    {
        var plan = await PlanAsync(db => Part(db, "open", Guid.NewGuid(), 0, parts: 1));
        Assert.Contains("USING INDEX IX_WorkItems_ApplicationId_Step_Round (ApplicationId=?)", plan);
    }

    [Fact]
    public async Task The_scan_reads_one_batch_of_due_timers_in_order_and_counts_overdue_work_per_department_from_an_index_range()
    {
        var due = await PlanAsync(db => SupervisionScanner.DueTimers(db, _world.Time.GetUtcNow(), 200));
        Assert.Contains("USING INDEX IX_SupervisionTimers_FiredAt_FireAt (FiredAt=? AND FireAt<?)", due);
        Assert.DoesNotContain("TEMP B-TREE", due);

        var overdue = await PlanAsync(db => SupervisionScanner.Overdue(db, Department.SupplyScheme, _world.Time.GetUtcNow()), count: true);
        Assert.Contains("SEARCH w USING COVERING INDEX IX_WorkItems_Running_Department_DueAt (Department=? AND DueAt>? AND DueAt<?)", overdue);
        Assert.DoesNotContain("TEMP B-TREE", overdue);
    }

    [Fact]
    public async Task The_steady_scan_reads_only_the_open_work_of_recently_closed_applications_through_the_application_index()
    {
        // The closed applications are the withdrawn and rejected ones alone: read whole, not the open work.
        var recent = await PlanAsync(db => SupervisionScanner.ClosedSince(db, _world.Time.GetUtcNow()));
        Assert.Equal("SCAN c", recent);

        var leftovers = await PlanAsync(db => SupervisionScanner.LeftoverWork(db, [Guid.NewGuid(), Guid.NewGuid()], 200));
        Assert.Contains("USING INDEX IX_WorkItems_ApplicationId_Step_Round (ApplicationId=?)", leftovers);
        // The batch's ≤ 200 rows come out of that search (a co-routine, then its pauses by index); the work items
        // table itself is not scanned.
        Assert.DoesNotContain("SCAN w", leftovers.Split('\n'));
    }

    [Fact]
    public async Task Items_without_timers_are_looked_for_after_a_start_until_none_is_left_not_on_every_scan()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();
        await service.UseAsync(db => db.SupervisionTimers.ExecuteDeleteAsync());
        Assert.Equal(1, (await service.ScanAsync()).Planned);

        // Caught up: an item that loses its timers behind the model's back now waits for the next start.
        await service.UseAsync(db => db.SupervisionTimers.ExecuteDeleteAsync());
        Assert.Equal(0, (await service.ScanAsync()).Planned);
        Assert.Empty(await service.TimersAsync(item.Id));

        using var restarted = _world.StartReplica();
        Assert.Equal(1, (await restarted.ScanAsync()).Planned);
        Assert.Equal(SupervisionLevel.HalfUsed, Assert.Single(await restarted.TimersAsync(item.Id)).Level);
    }

    /// <summary>One of the queries the worklist endpoint reads a first page with, as it reads it.</summary>
    private static IQueryable<WorkItem> Part(SupervisionTestDbContext db, string status, Guid? applicationId, int part, int parts = 2)
    {
        var (page, problem) = WorkItemsApi.WorklistPage(db.WorkItems.AsNoTracking(), Staff, status, applicationId, null, null, null);
        Assert.Null(problem);
        Assert.Equal(parts, page!.Parts.Count);
        return page.Parts[part].Take(page.Limit);
    }

    /// <summary>SQLite's EXPLAIN QUERY PLAN of the query EF sends (with <paramref name="count"/>: of its COUNT(*)), one line per step.</summary>
    private async Task<string> PlanAsync<T>(Func<SupervisionTestDbContext, IQueryable<T>> query, bool count = false)
    {
        using var service = _world.StartReplica();
        return await service.UseAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = query(db).CreateDbCommand();
            var sql = command.CommandText;
            if (count)
            {
                // What EF sends for LongCountAsync: the same FROM and WHERE under SELECT COUNT(*).
                sql = "SELECT COUNT(*)" + sql[sql.IndexOf("\nFROM ", StringComparison.Ordinal)..];
            }
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }
            return string.Join("\n", lines);
        });
    }
}
