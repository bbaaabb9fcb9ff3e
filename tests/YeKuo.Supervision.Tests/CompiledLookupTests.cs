using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Supervision.Tests;

/// <summary>Another department's database in the same process (as a test host or a combined local run has).</summary>
public sealed class OtherDepartmentDbContext(DbContextOptions<OtherDepartmentDbContext> options) : WorkflowDbContext(options);

public sealed class CompiledLookupTests
{
    [Fact]
    public async Task A_compiled_work_item_lookup_serves_the_databases_of_two_departments_in_one_process()
    {
        using var world = new SupervisionWorld(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        using var service = world.StartReplica();
        var here = await service.OpenAsync();

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        await using var other = new OtherDepartmentDbContext(new DbContextOptionsBuilder<OtherDepartmentDbContext>().UseSqlite(connection).Options);
        await other.Database.EnsureCreatedAsync();
        var now = service.Time.GetUtcNow();
        var there = WorkItem.Open(
            Guid.NewGuid(), "YK20260302000002", "cust-2", CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion,
            Step.CompletionAcceptance, StepCatalogue.Of(Step.CompletionAcceptance).Responsible, round: 1, TestPlans.HighVoltage, now,
            service.Deadlines.For(CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion, Step.CompletionAcceptance, now));
        other.WorkItems.Add(there);
        await other.SaveChangesAsync();

        await service.UseAsync(async db =>
        {
            Assert.Equal(here.Id, (await WorkItemQueries.ReadAsync(db, here.Id, CancellationToken.None))?.Id);
            Assert.Null(await WorkItemQueries.ReadAsync(db, there.Id, CancellationToken.None));
        });
        Assert.Equal(there.Id, (await WorkItemQueries.FindAsync(other, there.Id, CancellationToken.None))?.Id);
        Assert.Null(await WorkItemQueries.ReadAsync(other, here.Id, CancellationToken.None));

        // Why the lookups are compiled per model: one EF Core compiled query refuses the second department's model.
        var plain = EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.WorkItems.FirstOrDefault(w => w.Id == id));
        await service.UseAsync(async db => Assert.NotNull(await plain(db, here.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => plain(other, there.Id, CancellationToken.None));
    }
}
