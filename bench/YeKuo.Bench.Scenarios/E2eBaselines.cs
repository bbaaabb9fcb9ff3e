using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace YeKuo.Bench.Scenarios;

/// <summary>Publish → consume latency of one broker baseline at a fixed message rate (milliseconds).</summary>
public sealed record BaselineResult(string Name, double RatePerSecond, int Sent, int Received, double Seconds,
    double P50, double P95, double P99, double Max, string? Error)
{
    public static BaselineResult From(string name, double rate, int sent, double seconds, IEnumerable<double> latencies, string? error = null)
    {
        var sorted = latencies.Order().ToArray();
        return new BaselineResult(name, rate, sent, sorted.Length, seconds,
            ChaosScenario.Percentile(sorted, 0.50), ChaosScenario.Percentile(sorted, 0.95), ChaosScenario.Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1], error);
    }
}

/// <summary>A small message for the raw MassTransit baseline: when it was published (Stopwatch ticks of this process).</summary>
public sealed record E2eBaselinePing(long SentTimestamp, int Sequence);

/// <summary>
/// The raw broker baselines, on the same RabbitMQ node as the system and at the same message rate as its handoffs, set
/// up like the services' endpoints (durable quorum queue, prefetch 32, publisher confirms, persistent messages):
/// (a) a MassTransit bus in the bench process publishing a small message that its own receive endpoint consumes;
/// (b) RabbitMQ.Client publishing with confirms to a quorum queue, consumed with basic.consume and manual acks.
/// Messages are published on an open-loop schedule (i / rate), each without waiting for the previous one's confirm.
/// </summary>
public static class E2eBaselines
{
    private const int WarmupMessages = 50;

    public static async Task<BaselineResult> MassTransitAsync(Uri amqp, double rate, int seconds, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var recording = 0;
        var queue = $"bench-e2e-masstransit-{Guid.NewGuid().ToString("N")[..8]}";
        var (user, password) = Credentials(amqp);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(amqp.Host, (ushort)amqp.Port, "/", host =>
            {
                host.Username(user);
                host.Password(password);
                host.PublisherConfirmation = true;
            });
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.SetQuorumQueue();
                e.PrefetchCount = 32;
                e.Handler<E2eBaselinePing>(context =>
                {
                    if (Volatile.Read(ref recording) == 1)
                        latencies.Add(Stopwatch.GetElapsedTime(context.Message.SentTimestamp).TotalMilliseconds);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(ct).ConfigureAwait(false);
        try
        {
            await RunScheduleAsync(WarmupMessages, 200, i => bus.Publish(new E2eBaselinePing(Stopwatch.GetTimestamp(), i), ct), ct).ConfigureAwait(false);
            await Task.Delay(1000, ct).ConfigureAwait(false);
            Volatile.Write(ref recording, 1);
            var count = Math.Max(1, (int)Math.Round(rate * seconds));
            var clock = Stopwatch.StartNew();
            await RunScheduleAsync(count, rate, i => bus.Publish(new E2eBaselinePing(Stopwatch.GetTimestamp(), i), ct), ct).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalSeconds;
            await WaitForAsync(() => latencies.Count >= count, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            return BaselineResult.From("MassTransit publish → consume", rate, count, elapsed, latencies);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static async Task<BaselineResult> RabbitMqClientAsync(Uri amqp, double rate, int seconds, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var recording = 0;
        var queue = $"bench-e2e-rabbitmq-client-{Guid.NewGuid().ToString("N")[..8]}";
        var factory = new ConnectionFactory { Uri = amqp, ClientProvidedName = "yekuo-bench-e2e" };
        await using var connection = await factory.CreateConnectionAsync(ct).ConfigureAwait(false);
        await using var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct).ConfigureAwait(false);
        await using var subscriber = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct).ConfigureAwait(false);
        await subscriber.BasicQosAsync(0, 32, false, ct).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(subscriber);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var sent = BinaryPrimitives.ReadInt64LittleEndian(delivery.Body.Span);
            if (Volatile.Read(ref recording) == 1) latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await subscriber.BasicAckAsync(delivery.DeliveryTag, false).ConfigureAwait(false);
        };
        await subscriber.BasicConsumeAsync(queue, autoAck: false, consumer, ct).ConfigureAwait(false);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };

        Task Publish(int i)
        {
            var body = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(body, Stopwatch.GetTimestamp());
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(8), i);
            return publisher.BasicPublishAsync("", queue, mandatory: false, properties, body, ct).AsTask();
        }

        try
        {
            await RunScheduleAsync(WarmupMessages, 200, Publish, ct).ConfigureAwait(false);
            await Task.Delay(1000, ct).ConfigureAwait(false);
            Volatile.Write(ref recording, 1);
            var count = Math.Max(1, (int)Math.Round(rate * seconds));
            var clock = Stopwatch.StartNew();
            await RunScheduleAsync(count, rate, Publish, ct).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalSeconds;
            await WaitForAsync(() => latencies.Count >= count, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            return BaselineResult.From("RabbitMQ.Client publish (confirms) → basic.consume", rate, count, elapsed, latencies);
        }
        finally
        {
            await publisher.QueueDeleteAsync(queue, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Starts publish i at i / rate seconds (open loop), then waits for every publish (its confirm) to finish.</summary>
    private static async Task RunScheduleAsync(int count, double rate, Func<int, Task> publish, CancellationToken ct)
    {
        var pending = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct).ConfigureAwait(false);
            pending.Add(publish(i));
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < timeout) await Task.Delay(50, ct).ConfigureAwait(false);
    }

    private static (string User, string Password) Credentials(Uri amqp)
    {
        var parts = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        return parts.Length == 2 ? (parts[0], parts[1]) : ("guest", "guest");
    }
}
