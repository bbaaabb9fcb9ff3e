using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Publishes partner events as CloudEvents 1.0 (structured JSON) on the durable topic exchange <c>yekuo.events</c>,
/// routing key = the CloudEvents type, persistent, with publisher confirms. Partners bind their own queues; no
/// MassTransit needed on their side.
/// </summary>
public sealed class CloudEventPublisher(IConfiguration configuration, ILogger<CloudEventPublisher> logger) : IAsyncDisposable
{
    public const string Exchange = "yekuo.events";
    public const string ContentType = PartnerCloudEvents.ContentType;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Whether <see cref="Exchange"/> was declared once by this process (it is durable: it stays).</summary>
    public bool ExchangeDeclared { get; private set; }

    public string Source { get; } = "/yekuo/" + (configuration["OTEL_SERVICE_NAME"] ?? AppDomain.CurrentDomain.FriendlyName.Replace("YeKuo.", "").ToLowerInvariant());

    /// <param name="id">Stable per event (derived from the outbox message id) so a re-publish is recognisable.</param>
    public async Task PublishAsync(PartnerEvent partnerEvent, string id, string? traceParent, CancellationToken cancellationToken)
    {
        var body = PartnerCloudEvents.Encode(partnerEvent, id, traceParent, Source);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            var properties = new BasicProperties
            {
                ContentType = ContentType,
                DeliveryMode = DeliveryModes.Persistent,
                MessageId = id,
                Type = partnerEvent.Type,
            };
            await channel.BasicPublishAsync(Exchange, partnerEvent.Type, mandatory: false, properties, body, cancellationToken);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Declares <see cref="Exchange"/> (idempotent), so partners can bind before the first event is published.</summary>
    public async Task EnsureExchangeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ChannelAsync(cancellationToken);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }
        await ResetAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString("messaging") ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set.")),
            ClientProvidedName = "yekuo-partner-events",
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await _channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        ExchangeDeclared = true;
        return _channel;
    }

    private async Task ResetAsync()
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
        await ResetAsync();
        _gate.Dispose();
    }
}
