using System.Net;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class HighVoltageFlowTests(SystemFixture system)
{
    public static readonly Step[] HighVoltageSteps =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation, Step.DesignReview,
        Step.IntermediateInspection, Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
    ];

    /// <summary>The customer-facing notices of a passed HV application, one each.</summary>
    public static readonly string[] HighVoltageNotices =
    [
        "ApplicationSubmitted", "ApplicationAccepted", "SiteSurveyCompleted", "SchemeReplied", "DesignReviewPassed",
        "IntermediateInspectionPassed", "CompletionAcceptancePassed", "SupplyContractSigned", "PowerConnected",
    ];

    [Fact]
    public async Task A_high_voltage_single_source_application_reaches_power_connected_through_the_gateway()
    {
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-hv-1", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();

        foreach (var step in HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-hv-1"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var application = await WaitForPowerConnectedAsync(gateway, id);
        var timeline = application.GetProperty("timeline").EnumerateArray().ToArray();

        Assert.Equal(HighVoltageSteps.Select(s => s.ToString()), timeline.Select(s => s.GetProperty("step").GetString()));
        foreach (var entry in timeline)
        {
            var step = Enum.Parse<Step>(entry.GetProperty("step").GetString()!);
            Assert.Equal(StepCatalogue.Of(step).Responsible.ToString(), entry.GetProperty("department").GetString());
            Assert.Equal(StepDriver.ActorFor(step, "customer-hv-1"), entry.GetProperty("assignee").GetString());
            var started = entry.GetProperty("startedAt").GetDateTimeOffset();
            var completed = entry.GetProperty("completedAt").GetDateTimeOffset();
            Assert.True(started <= completed, $"{step} completed before it started");
        }
        // Each step starts only after the previous one completed: the handoffs happened in order.
        for (var i = 1; i < timeline.Length; i++)
        {
            Assert.True(timeline[i].GetProperty("startedAt").GetDateTimeOffset() >= timeline[i - 1].GetProperty("completedAt").GetDateTimeOffset());
        }
        Assert.False(string.IsNullOrEmpty(application.GetProperty("customerManager").GetString()));

        await GatewayClient.WaitUntilAsync(async () => (await gateway.GetNoticesAsync(id)).Length >= HighVoltageNotices.Length, "all customer notices");
        var notices = await gateway.GetNoticesAsync(id);
        Assert.Equal(HighVoltageNotices.Order(), notices.Select(n => n.GetProperty("kind").GetString()!).Order());
    }

    public static async Task<JsonElement> WaitForPowerConnectedAsync(GatewayClient gateway, Guid id)
    {
        JsonElement application = default;
        await GatewayClient.WaitUntilAsync(async () =>
        {
            application = await gateway.GetApplicationAsync(id);
            return application.GetProperty("status").GetString() == "PowerConnected"
                && application.GetProperty("timeline").EnumerateArray().All(s => s.GetProperty("completedAt").ValueKind != JsonValueKind.Null)
                && application.GetProperty("timeline").GetArrayLength() >= HighVoltageSteps.Length;
        }, $"application {id} to be power connected with a complete timeline");
        return application;
    }
}
