using System.Net.Sockets;
using YeKuo.AppHost;
using YeKuo.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace YeKuo.IntegrationTests;

/// <summary>
/// The whole system (private RabbitMQ and Redis, five services, the gateway) as real processes, started once for the
/// collection from the AppHost's own graph, in a fresh state directory that is removed afterwards.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "yekuo-it", Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplication App { get; private set; } = null!;

    public GatewayClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_stateDirectory);
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = _stateDirectory,
            GatewayPort = FreePort(),
            EnvironmentName = "Development",
            LogSink = ResourceLogSinks.None,
            PrintResourceTable = false,
        });
        builder.AddYeKuo(developerRun: false);
        App = builder.Build();
        try
        {
            await App.StartAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"The system did not start: {ex.Message}\n{App.FormatLogs()}", ex);
        }
        Gateway = new GatewayClient(App.GetEndpoint("gateway"));
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        await App.DisposeAsync();
        try { Directory.Delete(_stateDirectory, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort() => LoopbackPorts.Free();
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
