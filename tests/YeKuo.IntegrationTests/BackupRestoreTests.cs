using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>The runbook's backup and restore of a service database, done on the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class BackupRestoreTests(SystemFixture system)
{
    [Fact]
    public async Task A_service_database_backed_up_online_can_be_restored_and_the_service_carries_on()
    {
        var gateway = system.Gateway;
        var id = (await gateway.SubmitAsync("customer-backup", CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps.TakeWhile(s => s != Step.DesignReview))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-backup"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var opened = await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignReview);

        using var inspection = await gateway.ClientAsAsync("admin-backup", system.App.GetEndpoint("inspection"));
        using var backup = await inspection.PostAsync("/admin/database/backup", null);
        Assert.Equal(HttpStatusCode.OK, backup.StatusCode);
        var file = (await backup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        Assert.True(new FileInfo(file).Length > 0);

        // Restore: stop the service, put the copy in place of its database (and drop the old WAL), start it again.
        var database = (await system.App.GetConnectionStringAsync("inspectiondb"))["Data Source=".Length..];
        await system.App.StopResourceAsync("inspection");
        File.Copy(file, database, overwrite: true);
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        await system.App.StartResourceAsync("inspection");

        var restored = await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignReview);
        Assert.Equal(opened.GetProperty("id").GetGuid(), restored.GetProperty("id").GetGuid());
        using var completed = await gateway.CompleteStepAsync(id, Step.DesignReview, "staff-inspection");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        // The restored service carries on: the application now waits for the customer's intermediate-inspection request.
        await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.IntermediateInspectionRequest);
    }
}
