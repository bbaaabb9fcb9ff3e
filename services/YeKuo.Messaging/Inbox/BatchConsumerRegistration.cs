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
    /// Adds a batch consumer (an <c>IConsumer&lt;Batch&lt;TMessage&gt;&gt;</c>, its message type read from it) on the
    /// endpoint a consumer gets by default (named after it, as any other) unless the caller names one, one batch at a time:
    /// the commits of one database take turns anyway (<see cref="Persistence.DatabaseWriteGate"/>), and the next batch
    /// gathers while this one commits.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>(typeof(BatchConsumerDefinition<,>).MakeGenericType(typeof(TConsumer), BatchedMessageOf(typeof(TConsumer))));

    private static Type BatchedMessageOf(Type consumer)
    {
        var batched = consumer.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(Batch<>))
            .Select(m => m.GetGenericArguments()[0])
            .ToArray();
        return batched.Length == 1
            ? batched[0]
            : throw new ArgumentException($"{consumer.Name} must consume batches of exactly one message type.", nameof(consumer));
    }

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
            // handoff as it arrives, before its batch gathers, and kept with it for its handling (MessageSpan).
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
            MessageSpan.Capture(context);
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("handoff-span-tags");
    }
}
