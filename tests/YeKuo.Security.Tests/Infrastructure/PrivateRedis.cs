using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace YeKuo.Security.Tests.Infrastructure;

/// <summary>
/// A private redis-server (Debian's) on 127.0.0.1 and a free port, without persistence, optionally with a password
/// (<c>requirepass</c>, as production runs it); killed on dispose.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly Process _process;

    public PrivateRedis(string? password = null)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Password = password;
        var info = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }
        if (password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(password);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not listen on port {Port}.");
            }
            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    public string? Password { get; }

    /// <summary>The StackExchange.Redis configuration string a service gets (<c>ConnectionStrings__cache</c>).</summary>
    public string ConnectionString => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
