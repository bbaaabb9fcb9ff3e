using MassTransit;
using RabbitMQ.Client;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// Where a step completion goes on the broker. <see cref="StepCompleted"/> is still published to its own fanout
/// exchange, which the timeline (Acceptance) and Notification take whole. Bound to it, the direct exchange
/// <see cref="Exchange"/> hands each completion, by its routing key (<see cref="KeyOf(Step)"/> of the step it opens),
/// only to the open-next-step endpoint of the service hosting that step, instead of to every department.
/// </summary>
public sealed class HandoffRouting : IBrokerTopology
{
    public const string Exchange = "yekuo.handoffs";

    /// <summary>The key of a completion that opens nothing (the plan's last step): no endpoint binds it.</summary>
    public const string Nowhere = "none";

    private string? _completions;

    /// <summary>
    /// The routing key of a handoff to <paramref name="step"/>: <c>{department}.{step}</c>, the department whose service
    /// hosts the step in the catalogue (a customer step too: the department it is filed with, which binds it).
    /// </summary>
    public static string KeyOf(Step step) => $"{StepCatalogue.Of(step).Department}.{step}";

    /// <summary>
    /// The routing key a completion is published with: that of the step it opens (<see cref="Plans.OpensAfter"/>), or
    /// <see cref="Nowhere"/> when it opens none or its own service already handled the handoff (<see cref="StepCompleted.NextStepHandled"/>).
    /// </summary>
    public static string KeyOf(StepCompleted message) =>
        !message.NextStepHandled && Plans.OpensAfter(message.Plan, message.Step, message.Outcome) is { } next ? KeyOf(next) : Nowhere;

    public void Configure(IRabbitMqBusFactoryConfigurator rabbit)
    {
        _completions = rabbit.MessageTopology.GetMessageTopology<StepCompleted>().EntityName;
        rabbit.Send<StepCompleted>(send => send.UseRoutingKeyFormatter(context => KeyOf(context.Message)));
    }

    /// <summary>
    /// Binds an open-next-step endpoint to the handoffs of the steps its service hosts (one binding per step) instead
    /// of to every completion: <c>StepCompleted</c> (fanout) → <see cref="Exchange"/> (direct, by key) → the endpoint.
    /// </summary>
    public void Bind(IRabbitMqReceiveEndpointConfigurator endpoint, IEnumerable<Step> hostedSteps)
    {
        var completions = _completions ?? throw new InvalidOperationException("The bus topology was not configured with HandoffRouting.");
        endpoint.ConfigureConsumeTopology = false;
        foreach (var step in hostedSteps)
        {
            endpoint.Bind(Exchange, handoffs =>
            {
                handoffs.ExchangeType = ExchangeType.Direct;
                handoffs.RoutingKey = KeyOf(step);
                handoffs.Bind(completions, source =>
                {
                    source.ExchangeType = ExchangeType.Fanout;
                    source.RoutingKey = "";
                });
            });
        }
    }
}
