using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace YeKuo.Messaging.ErrorQueues;

/// <summary>
/// Operator access to poison messages: lists this service's error queues and their messages (with the failure
/// reason MassTransit recorded), and replays one or all of them to the queue they failed on. A replayed message keeps
/// its MessageId, so a consumer that did handle it after all still skips it (inbox).
/// </summary>
public sealed class ErrorQueueAdmin(IConfiguration configuration, ReceiveEndpointRegistry endpoints)
{
    public const string ErrorSuffix = "_error";

    private const int MaxBrowse = 1000;

    public async Task<IReadOnlyList<ErrorQueueSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var summaries = new List<ErrorQueueSummary>();
        foreach (var queue in endpoints.Queues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken);
                summaries.Add(new ErrorQueueSummary(queue, queue + ErrorSuffix, declared.MessageCount));
            }
            catch (OperationInterruptedException)
            {
                // No error queue yet: nothing ever failed on this endpoint.
                summaries.Add(new ErrorQueueSummary(queue, queue + ErrorSuffix, 0));
            }
        }
        return summaries;
    }

    /// <summary>Reads the messages without removing them (each is returned to the queue).</summary>
    public async Task<IReadOnlyList<FailedMessage>> BrowseAsync(string errorQueue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var seen = new List<FailedMessage>();
        var tags = new List<ulong>();
        try
        {
            while (seen.Count < Math.Min(limit, MaxBrowse) && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } delivery)
            {
                tags.Add(delivery.DeliveryTag);
                seen.Add(Describe(delivery.BasicProperties, delivery.Body.Length));
            }
        }
        finally
        {
            // Unacknowledged gets go back to the queue when the channel closes; nack explicitly to keep their order.
            foreach (var tag in tags.AsEnumerable().Reverse())
            {
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
            }
        }
        return seen;
    }

    /// <summary>Moves messages from the error queue back to their queue: the one with <paramref name="messageId"/>, or all.</summary>
    public async Task<ReplayResult> ReplayAsync(string errorQueue, string? messageId, CancellationToken cancellationToken)
    {
        var target = errorQueue[..^ErrorSuffix.Length];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        var replayed = 0;
        var skipped = new List<ulong>();
        var browsed = 0;
        try
        {
            while (browsed++ < MaxBrowse && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } delivery)
            {
                if (messageId is not null && delivery.BasicProperties.MessageId != messageId)
                {
                    skipped.Add(delivery.DeliveryTag);
                    continue;
                }

                var properties = new BasicProperties(delivery.BasicProperties) { Persistent = true };
                // Publish (confirmed) before removing from the error queue: a crash in between duplicates, never loses.
                await channel.BasicPublishAsync(string.Empty, target, mandatory: true, properties, delivery.Body, cancellationToken);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
                if (messageId is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var tag in skipped.AsEnumerable().Reverse())
            {
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
            }
        }
        return new ReplayResult(errorQueue, replayed);
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString("messaging")
                ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set.")),
            ClientProvidedName = "yekuo-error-queue-admin",
        };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static FailedMessage Describe(IReadOnlyBasicProperties properties, int bodyBytes)
    {
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        return new FailedMessage(
            properties.MessageId,
            Header(headers, "MT-MessageType") ?? properties.Type,
            Header(headers, "MT-Reason"),
            Header(headers, "MT-Fault-ExceptionType"),
            Header(headers, "MT-Fault-Message"),
            DateTimeOffset.TryParse(Header(headers, "MT-Fault-Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            bodyBytes);
    }

    private static string? Header(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value)
        ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        }
        : null;
}
