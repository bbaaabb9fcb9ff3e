using System.Diagnostics;
using System.Net.Sockets;
using YeKuo.Deploy.Tests.Hosts;

namespace YeKuo.Deploy.Tests.Containers;

/// <summary>
/// A private container registry on a free loopback port (Debian's docker-registry through eng/container-base.sh), with
/// the base image pushed: what the SDK publishes onto and podman pulls from, as a cluster would from the company's registry.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _storage;

    private LocalRegistry(Process process, string storage, string address)
    {
        _process = process;
        _storage = storage;
        Address = address;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    /// <summary>The base image in this registry (what <c>ContainerBaseImage</c> names instead of Microsoft's runtime-deps).</summary>
    public string BaseImage { get; private set; } = "";

    public static async Task<LocalRegistry> StartAsync()
    {
        var script = RepositoryRoot.Combine("eng", "container-base.sh");
        var port = FreePort.Next();
        var storage = Directory.CreateTempSubdirectory("yekuo-registry-").FullName;
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "serve", port.ToString(), storage })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, storage, $"127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await registry.DisposeAsync();
                throw new InvalidOperationException($"The registry did not listen on {registry.Address} (exit: {(process.HasExited ? process.ExitCode : "running")}).");
            }
            await Task.Delay(100);
        }
        registry.BaseImage = (await Command.RunAsync(script, ["push", registry.Address], timeout: TimeSpan.FromMinutes(5))).Trim().Split('\n')[^1].Trim();
        return registry;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_storage, recursive: true);
    }
}
