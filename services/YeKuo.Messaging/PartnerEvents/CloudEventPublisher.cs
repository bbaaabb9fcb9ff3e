using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Publishes partner events as CloudEvents 1.0 (structured JSON) on the durable topic exchange <c>yekuo.events</c>,
/// routing key = the CloudEvents type, persistent, with publisher confirms. Partners bind their own queues; no
/// MassTransit needed on their side. Publishes share one channel and are pipelined: each waits for its own confirm while
/// the next is already on the wire (RabbitMQ.Client tracks confirms per publish), so no publish waits behind another's.
/// </summary>
public sealed class CloudEventPublisher(IConfiguration configuration, ILogger<CloudEventPublisher> logger) : IAsyncDisposable
{
    public const string Exchange = "yekuo.events";
    public const string ContentType = PartnerCloudEvents.ContentType;

    // Guards opening and replacing the channel only; publishing on an open channel takes no lock of ours.
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;
    private volatile IChannel? _channel;

    /// <summary>Whether <see cref="Exchange"/> was declared once by this process (it is durable: it stays).</summary>
    public bool ExchangeDeclared { get; private set; }

    public string Source { get; } = "/yekuo/" + (configuration["OTEL_SERVICE_NAME"] ?? AppDomain.CurrentDomain.FriendlyName.Replace("YeKuo.", "").ToLowerInvariant());

    /// <summary>Publishes a CloudEvent already serialized (an outbox row's body) and waits for the broker's confirm.</summary>
    /// <param name="id">The CloudEvent's <c>id</c>, also the AMQP message id.</param>
    public async Task PublishAsync(string type, string id, ReadOnlyMemory<byte> cloudEvent, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        var properties = new BasicProperties
        {
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = id,
            Type = type,
        };
        try
        {
            await channel.BasicPublishAsync(Exchange, type, mandatory: false, properties, cloudEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !channel.IsOpen)
        {
            await ResetAsync(channel);
            throw;
        }
    }

    /// <summary>Declares <see cref="Exchange"/> (idempotent), so partners can bind before the first event is published.</summary>
    public async Task EnsureExchangeAsync(CancellationToken cancellationToken) => await ChannelAsync(cancellationToken);

    /// <summary>The <c>id</c> attribute of a serialized CloudEvent.</summary>
    public static string IdOf(ReadOnlySpan<byte> cloudEvent)
    {
        var reader = new Utf8JsonReader(cloudEvent);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId)
            {
                return reader.GetString() ?? throw new JsonException("A CloudEvent's id must be a string.");
            }
            reader.Skip();
        }
        throw new JsonException("The CloudEvent has no id.");
    }

    private async ValueTask<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }
            await CloseAsync();
            var factory = new ConnectionFactory
            {
                Uri = new Uri(configuration.GetConnectionString("messaging") ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set.")),
                ClientProvidedName = "yekuo-partner-events",
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            var channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            ExchangeDeclared = true;
            _channel = channel;
            return channel;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Drops a channel that failed, unless another publish has replaced it already.</summary>
    private async Task ResetAsync(IChannel failed)
    {
        await _opening.WaitAsync();
        try
        {
            if (ReferenceEquals(_channel, failed))
            {
                await CloseAsync();
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            if (_channel is not null) await _channel.DisposeAsync();
            if (_connection is not null) await _connection.DisposeAsync();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Closing the partner-event connection failed");
        }
        _channel = null;
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _opening.WaitAsync();
        try
        {
            await CloseAsync();
        }
        finally
        {
            _opening.Release();
        }
        _opening.Dispose();
    }
}
