using System.Reflection;
using MassTransit;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// The messages a consume filter's context carries: the message itself, or each message of a <see cref="Batch{T}"/>
/// (a filter on an endpoint of a batch consumer sees the batch, not its messages).
/// </summary>
public static class ConsumedMessages<T> where T : class
{
    private static readonly Func<T, IEnumerable<object>>? OfBatch =
        typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>)
            ? typeof(ConsumedMessages<T>).GetMethod(nameof(BatchItems), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T).GetGenericArguments()[0])
                .CreateDelegate<Func<T, IEnumerable<object>>>()
            : null;

    public static IEnumerable<object> Of(T message) => OfBatch is { } items ? items(message) : [message];

    private static IEnumerable<object> BatchItems<TMessage>(T batch) where TMessage : class =>
        ((Batch<TMessage>)(object)batch).Select(context => (object)context.Message);
}
