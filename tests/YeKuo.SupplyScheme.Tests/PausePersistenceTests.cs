using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.SupplyScheme.Infrastructure;

namespace YeKuo.SupplyScheme.Tests;

/// <summary>A pause (客户原因) added to a loaded work item must be inserted, not updated.</summary>
public sealed class PausePersistenceTests(SupplySchemeApp app) : IClassFixture<SupplySchemeApp>
{
    [Fact]
    public async Task A_pause_added_to_a_stored_work_item_is_tracked_as_a_new_row_and_saved()
    {
        app.Clock.AdjustTime(SupplySchemeApp.Monday10China);
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.Acceptance, SupplySchemeApp.Monday10China.AddHours(-1), SupplySchemeApp.Monday10China));
        var survey = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SiteSurvey");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
            var item = await db.WorkItems.SingleAsync(w => w.Id == survey.Id);
            item.Pause("客户现场无人", "surveyor-li", SupplySchemeApp.Monday10China.AddHours(1));
            db.ChangeTracker.DetectChanges();

            Assert.Equal(EntityState.Added, db.Entry(item.Pauses.Single()).State);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
            var stored = await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == survey.Id);
            Assert.Equal("客户现场无人", Assert.Single(stored.Pauses).Reason);
        }
    }
}
