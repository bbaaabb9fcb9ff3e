using System.Text;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit.Abstractions;
using YeKuo.Hosting;

namespace YeKuo.AppHost.Tests;

/// <summary>Private RabbitMQ and Redis started through the library, used for real, stopped without leftovers.</summary>
public sealed class InfrastructureResourceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task RabbitMQ_and_Redis_start_accept_clients_and_stop_leaving_no_process_or_port()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        var app = builder.Build();
        List<int> pids;
        try
        {
            await app.StartAsync();
            Assert.All(app.GetResourceSnapshots(), s => Assert.Equal(ResourceState.Running, s.State));

            var amqp = app.GetConnectionString("messaging");
            Assert.Equal($"amqp://guest:guest@127.0.0.1:{messaging.Resource.AmqpPort}/", amqp);
            var factory = new ConnectionFactory { Uri = new Uri(amqp) };
            await using (var connection = await factory.CreateConnectionAsync())
            {
                Assert.True(connection.IsOpen);
                await using var channel = await connection.CreateChannelAsync();
                var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
                Assert.StartsWith("amq.gen-", queue.QueueName, StringComparison.Ordinal);
            }

            Assert.Equal($"127.0.0.1:{cache.Resource.Port}", app.GetConnectionString("cache"));
            await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("cache")))
            {
                var latency = await redis.GetDatabase().PingAsync();
                Assert.True(latency < TimeSpan.FromSeconds(5));
            }

            pids = app.GetAllProcessIds().ToList();
            output.WriteLine("processes: " + TestSupport.Describe(pids));
            var names = pids.Select(OrchestratorProcesses.GetCommandName).ToList();
            Assert.Contains("redis-server", names);
            Assert.Contains("beam.smp", names);
            Assert.Contains("epmd", names); // the node's private epmd carries our marker too
            Assert.Contains(messaging.Resource.ProcessId!.Value, pids);
            Assert.Contains(cache.Resource.ProcessId!.Value, pids);
            Assert.Contains(File.ReadAllLines(app.PidFilePath), l => l.EndsWith(" cache", StringComparison.Ordinal));
        }
        finally
        {
            await app.DisposeAsync();
        }

        var alive = pids.Where(OrchestratorProcesses.IsAlive).ToList();
        Assert.True(alive.Count == 0, "still alive: " + TestSupport.Describe(alive));
        Assert.Empty(OrchestratorProcesses.FindByStateDirectory(_state.Path));
        Assert.False(TestSupport.IsListening(messaging.Resource.AmqpPort), "AMQP port still open");
        Assert.False(TestSupport.IsListening(messaging.Resource.EpmdPort), "epmd port still open");
        Assert.False(TestSupport.IsListening(cache.Resource.Port), "Redis port still open");
        Assert.All(app.GetResourceSnapshots(), s => Assert.Equal(ResourceState.Stopped, s.State));
        Assert.Equal("", File.ReadAllText(app.PidFilePath));
    }

    [Fact]
    public async Task RabbitMQ_restart_keeps_ports_durable_queues_and_persistent_messages()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        var messaging = builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();
        await app.StartAsync();
        var amqp = app.GetConnectionString("messaging");
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                         publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("yekuo.test.durable", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "yekuo.test.durable", mandatory: true,
                basicProperties: new BasicProperties { Persistent = true }, body: Encoding.UTF8.GetBytes("受理 survives"));
        }

        var firstPid = messaging.Resource.ProcessId;
        await app.RestartResourceAsync("messaging");
        Assert.Equal(ResourceState.Running, messaging.Resource.State);
        Assert.NotEqual(firstPid, messaging.Resource.ProcessId);
        Assert.False(OrchestratorProcesses.IsAlive(firstPid!.Value));
        Assert.Equal(amqp, app.GetConnectionString("messaging"));

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync("yekuo.test.durable", autoAck: true);
            Assert.NotNull(message);
            Assert.Equal("受理 survives", Encoding.UTF8.GetString(message.Body.Span));
        }
    }
}
