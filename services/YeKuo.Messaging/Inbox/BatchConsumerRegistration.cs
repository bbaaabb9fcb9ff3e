using MassTransit;
using MassTransit.Configuration;

namespace YeKuo.Messaging.Inbox;

/// <summary>How a <see cref="IdempotentBatchConsumer{TMessage, TContext}"/> is registered and collects its batches.</summary>
public static class BatchConsumerRegistration
{
    /// <summary>
    /// A batch closes this long after its first message (or when full): at a handful of events per second a message
    /// waits this long alone; under load the messages of this window share one commit.
    /// </summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(20);

    /// <summary>At most a prefetch's worth: a batch never waits for messages the broker would not send yet.</summary>
    public const int MessageLimit = MessagingExtensions.PrefetchCount;

    /// <summary>
    /// Adds a batch consumer of <typeparamref name="TMessage"/> on its own endpoint (named after the consumer, as any
    /// other), one batch at a time: the commits of one database take turns anyway (<see cref="Persistence.DatabaseWriteGate"/>),
    /// and the next batch gathers while this one commits.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddBatchConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer<Batch<TMessage>>
        where TMessage : class =>
        bus.AddConsumer<TConsumer, BatchConsumerDefinition<TConsumer, TMessage>>();

    private sealed class BatchConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
        where TConsumer : class, IConsumer<Batch<TMessage>>
        where TMessage : class
    {
        protected override void ConfigureConsumer(
            IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
        {
            consumerConfigurator.Options<BatchOptions>(batch => batch
                .SetMessageLimit(MessageLimit)
                .SetTimeLimit(TimeLimit)
                .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
                .SetConcurrencyLimit(1));
            // Each message keeps a span of its own in its own trace (the batch's span is one for many): tagged with its
            // handoff as it arrives, before its batch gathers.
            endpointConfigurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new HandoffSpanFilter<TMessage>()));
        }
    }

    private sealed class HandoffSpanFilter<TMessage> : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            if (System.Diagnostics.Activity.Current is { } activity)
            {
                HandoffTelemetry.Tag(activity, context.Message);
            }
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("handoff-span-tags");
    }
}
