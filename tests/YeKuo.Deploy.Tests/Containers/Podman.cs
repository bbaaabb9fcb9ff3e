using System.Text.Json;

namespace YeKuo.Deploy.Tests.Containers;

/// <summary>
/// Debian's podman with its own storage in a temp folder (nothing of the machine's is touched), in the form that works
/// in this sandbox: vfs storage, runc (crun fails here), cgroupfs, file events, host network, and the open-file and
/// process limits the default ulimits exceed.
/// </summary>
public sealed class Podman : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("yekuo-podman-").FullName;

    private IEnumerable<string> Global =>
    [
        "--root", Path.Combine(_root, "storage"), "--runroot", Path.Combine(_root, "run"), "--tmpdir", Path.Combine(_root, "tmp"),
        "--storage-driver", "vfs", "--runtime", "runc", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
    ];

    public Task<string> RunAsync(params string[] arguments) =>
        Command.RunAsync("podman", [.. Global, .. arguments], timeout: TimeSpan.FromMinutes(3));

    public async Task PullAsync(string image) => await RunAsync("pull", "--quiet", "--tls-verify=false", image);

    /// <summary>The image's OCI config (<c>User</c>, <c>ExposedPorts</c>, <c>Labels</c>, <c>Env</c>, <c>Entrypoint</c>).</summary>
    public async Task<JsonElement> ConfigOfAsync(string image)
    {
        using var inspect = JsonDocument.Parse(await RunAsync("image", "inspect", image));
        return inspect.RootElement[0].GetProperty("Config").Clone();
    }

    /// <summary>Starts the image in the background on the host's network; returns the container id.</summary>
    public async Task<string> StartAsync(string image, IReadOnlyDictionary<string, string> environment)
    {
        // Read-only root file system with a tmpfs /tmp, as the manifests run it (readOnlyRootFilesystem, an emptyDir on /tmp).
        List<string> arguments = ["run", "--detach", "--read-only", "--network", "host", "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096"];
        foreach (var (key, value) in environment)
        {
            arguments.AddRange(["--env", $"{key}={value}"]);
        }
        return (await RunAsync([.. arguments, image])).Trim();
    }

    public Task<string> LogsAsync(string container) => RunAsync("logs", container);

    public async Task RemoveAsync(string container) => await RunAsync("rm", "--force", "--time", "5", container);

    public void Dispose()
    {
        try
        {
            Command.RunAsync("podman", [.. Global, "rm", "--all", "--force"]).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
