using MassTransit;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// How an <see cref="IdempotentBatchConsumer{TMessage,TContext}"/> is registered: up to <see cref="MessageLimit"/>
/// messages, collected for at most <see cref="TimeLimit"/> after the first, per batch; <see cref="ConcurrencyLimit"/>
/// batches at once. Together they stay within the endpoint's prefetch (32), so a full batch never waits on the broker.
/// </summary>
public static class BatchConsumerRegistration
{
    public const int MessageLimit = 16;

    public const int ConcurrencyLimit = 2;

    /// <summary>What a quiet moment adds to one message's consume: small beside a handoff, large enough to gather a burst.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(10);

    public static IConsumerRegistrationConfigurator<TConsumer> AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeLimit)
            .SetConcurrencyLimit(ConcurrencyLimit)));
}
