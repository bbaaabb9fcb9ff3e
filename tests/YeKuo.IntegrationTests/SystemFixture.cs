using RabbitMQ.Client;
using YeKuo.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace YeKuo.IntegrationTests;

/// <summary>
/// The whole system (private RabbitMQ and Redis, five services, the gateway, the web front end, the Aspire dashboard) as
/// the AppHost runs it, started once for the collection in a fresh state directory that is removed afterwards.
/// </summary>
public sealed class SystemFixture : YeKuoSystemFixture
{
    public GatewayClient Gateway { get; private set; } = null!;

    /// <summary>
    /// A partner's queue bound to <c>yekuo.events</c> the moment the system reported healthy, before any test submitted an
    /// application, without declaring the exchange (a partner does not own it): null when the bind failed, see
    /// <see cref="EarlyBindError"/>.
    /// </summary>
    public string? EarlyPartnerQueue { get; private set; }

    public string? EarlyBindError { get; private set; }

    /// <summary>With the dashboard: the trace and PII tests read what the services exported over OTLP.</summary>
    protected override SystemOptions Options => new() { Dashboard = true };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await BindEarlyPartnerAsync();
        Gateway = new GatewayClient(App.Gateway);
    }

    private async Task BindEarlyPartnerAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = $"partner-early-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        try
        {
            await channel.QueueBindAsync(queue, "yekuo.events", "cn.yekuo.#");
            EarlyPartnerQueue = queue;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e)
        {
            EarlyBindError = e.Message;
        }
    }

    public override async Task DisposeAsync()
    {
        Gateway?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
