using System.Net;
using System.Text.Json;
using RabbitMQ.Client;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>
/// Step completions reach the broker addressed to the department and step they open, not to every department; a
/// handoff between two steps of the same service never goes through the broker.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HandoffRoutingTests(SystemFixture system)
{
    /// <summary>
    /// Each completion of a passed HV application and the routing key its handoff carries: the step it opens when another
    /// department opens it (or a gate may hold it: 装表接电 waits for the payment), <see cref="Nowhere"/> when the same
    /// service opened the next step in the completion's own commit, or when nothing follows.
    /// </summary>
    private static readonly Dictionary<Step, string> HighVoltageHandoffs = new()
    {
        [Step.Acceptance] = "SupplyScheme.SiteSurvey",
        [Step.SiteSurvey] = Nowhere,
        // The customer's steps are keyed to the department they are filed with, which opens them and hosts what follows.
        [Step.SchemeReply] = Nowhere,
        [Step.SchemeConfirmation] = "Inspection.DesignSubmission",
        [Step.DesignSubmission] = Nowhere,
        [Step.DesignReview] = Nowhere,
        [Step.IntermediateInspectionRequest] = Nowhere,
        [Step.IntermediateInspection] = Nowhere,
        [Step.CompletionReport] = Nowhere,
        [Step.CompletionAcceptance] = "Metering.SupplyContract",
        [Step.SupplyContract] = "Metering.PowerConnection",
        [Step.PowerConnection] = Nowhere,
    };

    /// <summary>The key no endpoint binds (<c>HandoffRouting.Nowhere</c>).</summary>
    private const string Nowhere = "none";

    [Fact]
    public async Task Every_handoff_of_a_high_voltage_application_is_routed_by_the_department_and_step_it_opens_and_none_within_a_department()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // A spy bound like a department's endpoint, to every key a completion of this plan can carry, and to the key none binds.
        var spy = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var key in HighVoltageHandoffs.Values.Distinct())
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

        // Exactly one per completion, under the key of the step it opens or none.
        Assert.Equal(
            HighVoltageHandoffs.OrderBy(h => h.Key).Select(h => (h.Key, h.Value)),
            routed.OrderBy(r => r.Completed));
    }

    private static Step StepOf(JsonElement step) =>
        step.ValueKind == JsonValueKind.String ? Enum.Parse<Step>(step.GetString()!, ignoreCase: true) : (Step)step.GetInt32();
}
