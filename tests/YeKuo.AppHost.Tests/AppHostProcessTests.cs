using YeKuo.Testing;

namespace YeKuo.AppHost.Tests;

/// <summary>The AppHost as <c>./run.sh</c> runs it (its own process, the dashboard, kept state), stopped the hard ways.</summary>
public sealed class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _state = Path.Combine(Path.GetTempPath(), "yekuo-apphost-test", Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_AppHost_comes_back_on_its_state_after_a_SIGKILL_and_a_SIGTERM_leaving_no_process_behind()
    {
        var port = YeKuoSystem.FreePort();
        foreach (var signal in new[] { "KILL", "TERM" })
        {
            using var host = AppHostProcess.Start(_state, port);
            await host.WaitUntilReadyAsync(StartTimeout);
            var addresses = host.Addresses;
            Assert.Equal($"http://localhost:{port}", addresses["gateway"]);
            Assert.StartsWith($"http://localhost:{port}/", addresses["web"]);
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/login\?t=[0-9a-f]+$", addresses["dashboard"]);
            Assert.Matches(@"^amqp://guest:guest@127\.0\.0\.1:\d+/", addresses["broker"]);
            Assert.NotEmpty(host.Leftovers());

            await host.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(60));
            IReadOnlyList<string> left = [];
            for (var waited = 0; waited < 60 && (left = host.Leftovers()).Count > 0; waited++)
            {
                await Task.Delay(1000);
            }
            Assert.True(left.Count == 0, $"after SIGTERM/SIGKILL ({signal}) these stayed for 60 s:\n{string.Join('\n', left)}\n{host.Output}");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_state, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
