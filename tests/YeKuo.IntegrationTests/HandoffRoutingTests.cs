using System.Net;
using System.Text.Json;
using RabbitMQ.Client;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>Step completions reach the broker addressed to the department and step they open, not to every department.</summary>
[Collection(SystemCollection.Name)]
public sealed class HandoffRoutingTests(SystemFixture system)
{
    /// <summary>Each completion of a passed HV application and the routing key its handoff carries (the step it opens).</summary>
    private static readonly Dictionary<Step, string> HighVoltageHandoffs = new()
    {
        [Step.Acceptance] = "SupplyScheme.SiteSurvey",
        [Step.SiteSurvey] = "SupplyScheme.SchemeReply",
        // The customer's steps are keyed to the department they are filed with, which opens them and hosts what follows.
        [Step.SchemeReply] = "SupplyScheme.SchemeConfirmation",
        [Step.SchemeConfirmation] = "Inspection.DesignSubmission",
        [Step.DesignSubmission] = "Inspection.DesignReview",
        [Step.DesignReview] = "Inspection.IntermediateInspectionRequest",
        [Step.IntermediateInspectionRequest] = "Inspection.IntermediateInspection",
        [Step.IntermediateInspection] = "Inspection.CompletionReport",
        [Step.CompletionReport] = "Inspection.CompletionAcceptance",
        [Step.CompletionAcceptance] = "Metering.SupplyContract",
        [Step.SupplyContract] = "Metering.PowerConnection",
    };

    [Fact]
    public async Task Every_handoff_of_a_high_voltage_application_is_routed_by_the_department_and_step_it_opens()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // A spy bound like a department's endpoint, to every key a completion of this plan can carry.
        var spy = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var key in HighVoltageHandoffs.Values)
        {
            await channel.QueueBindAsync(spy, "yekuo.handoffs", key);
        }

        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-routing", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-routing"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, id);

        var routed = new List<(Step Completed, string Key)>();
        await GatewayClient.WaitUntilAsync(async () =>
        {
            while (await channel.BasicGetAsync(spy, autoAck: true) is { } delivery)
            {
                var message = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message");
                if (message.GetProperty("applicationId").GetGuid() == id)
                {
                    routed.Add((StepOf(message.GetProperty("step")), delivery.RoutingKey));
                }
            }
            return routed.Count >= HighVoltageHandoffs.Count;
        }, "every handoff of the application on yekuo.handoffs");

        // Exactly one per handoff, under the key of the step it opens; the last completion (装表接电) opens nothing.
        Assert.Equal(
            HighVoltageHandoffs.OrderBy(h => h.Key).Select(h => (h.Key, h.Value)),
            routed.OrderBy(r => r.Completed));
    }

    private static Step StepOf(JsonElement step) =>
        step.ValueKind == JsonValueKind.String ? Enum.Parse<Step>(step.GetString()!, ignoreCase: true) : (Step)step.GetInt32();
}
