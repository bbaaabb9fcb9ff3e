using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Xunit.Abstractions;
using YeKuo.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace YeKuo.AppHost.Tests;

/// <summary>A fresh state directory per test, removed afterwards.</summary>
public sealed class TempStateDirectory : IDisposable
{
    public TempStateDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "yekuo-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

internal static class TestSupport
{
    public const string SampleProject = "tests/YeKuo.AppHost.Tests.SampleService/YeKuo.AppHost.Tests.SampleService.csproj";

    public static string Configuration =>
        typeof(TestSupport).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static DistributedApplicationBuilder CreateBuilder(ITestOutputHelper output, string stateDirectory) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            LogSink = ResourceLogSinks.FromDelegate(output.WriteLine),
            EnvironmentName = "Development",
        });

    /// <summary>True while something accepts connections on 127.0.0.1:port.</summary>
    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Describe(IEnumerable<int> pids) =>
        string.Join(", ", pids.Select(p => $"{p} ({OrchestratorProcesses.GetCommandName(p) ?? "gone"})"));
}
