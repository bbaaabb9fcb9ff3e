using System.Net;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class CrashRecoveryTests(SystemFixture system)
{
    private const int Applications = 8;

    [Fact]
    public async Task Killing_the_receiving_service_while_handoffs_are_in_flight_loses_and_duplicates_nothing()
    {
        var gateway = system.Gateway;
        var ids = new List<Guid>();
        for (var i = 0; i < Applications; i++)
        {
            ids.Add((await gateway.SubmitAsync($"customer-crash-{i}", CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid());
        }

        // Accept them all: each acceptance is a handoff to 供电方案. Kill SupplyScheme while they are on the wire.
        var acceptances = ids.Select(id => gateway.CompleteStepAsync(id, Step.Acceptance, "staff-acceptance")).ToArray();
        await Task.Delay(150);
        await system.App.KillAsync("supplyscheme");
        foreach (var response in await Task.WhenAll(acceptances))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }
        await Task.Delay(1000);
        await system.App.StartResourceAsync("supplyscheme");

        // Drive every application on; kill the next receiver (Inspection) mid-way as well.
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            foreach (var step in HighVoltageFlowTests.HighVoltageSteps.Skip(1))
            {
                if (index == Applications / 2 && step == Step.DesignReview)
                {
                    await system.App.KillAsync("inspection");
                    await system.App.StartResourceAsync("inspection");
                }
                using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, $"customer-crash-{index}"));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        foreach (var id in ids)
        {
            var application = await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, id);
            var steps = application.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToArray();
            Assert.Equal(HighVoltageFlowTests.HighVoltageSteps.Select(s => s.ToString()), steps);

            await GatewayClient.WaitUntilAsync(async () => (await gateway.GetNoticesAsync(id)).Length >= HighVoltageFlowTests.HighVoltageNotices.Length, "all customer notices");
            var notices = await gateway.GetNoticesAsync(id);
            Assert.Equal(HighVoltageFlowTests.HighVoltageNotices.Order(), notices.Select(n => n.GetProperty("kind").GetString()!).Order());
        }
    }
}
