using System.Diagnostics;
using YeKuo.Deploy.Tests.Hosts;

namespace YeKuo.Deploy.Tests.Containers;

/// <summary>
/// Every host's image, published with the .NET SDK alone (<c>dotnet publish -t:PublishContainer</c>, as a department
/// does, README "Deploying a department") onto the base in a <see cref="LocalRegistry"/>, and pulled into a private
/// <see cref="Podman"/>. Built once for the test class; the times are written to the test output.
/// </summary>
public sealed class HostImages : IAsyncLifetime
{
    /// <summary>The tag the tests publish (a department publishes its version).</summary>
    public const string Tag = "test";

    private LocalRegistry? _registry;

    public Podman Podman { get; } = new();

    public string Registry => _registry?.Address ?? throw new InvalidOperationException("Not started.");

    public IReadOnlyDictionary<HostProject, string> Images { get; private set; } = new Dictionary<HostProject, string>();

    public IReadOnlyList<string> Timings => _timings;

    private readonly List<string> _timings = [];

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("Building the base image (debootstrap) and running images (podman) need root: run as root, as CI does.");
        }
        var watch = Stopwatch.StartNew();
        _registry = await LocalRegistry.StartAsync();
        _timings.Add($"base image built or reused and pushed to {Registry}: {watch.Elapsed.TotalSeconds:F1} s");

        var images = new Dictionary<HostProject, string>();
        foreach (var project in HostProject.All)
        {
            var step = Stopwatch.StartNew();
            await Command.RunAsync("dotnet",
                [
                    "publish", project.ProjectPath, "-c", "Release", "-t:PublishContainer",
                    $"-p:ContainerBaseImage={_registry.BaseImage}", $"-p:ContainerRegistry={Registry}", $"-p:ContainerImageTag={Tag}",
                    "--disable-build-servers", "-nodeReuse:false", "-nologo", "-v:q",
                ],
                new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = Registry },
                RepositoryRoot.Path, TimeSpan.FromMinutes(5));
            var image = $"{Registry}/{project.Repository}:{Tag}";
            await Podman.PullAsync(image);
            images[project] = image;
            _timings.Add($"{project.Repository}: published and pulled in {step.Elapsed.TotalSeconds:F1} s");
        }
        Images = images;
        _timings.Add($"all images: {watch.Elapsed.TotalSeconds:F1} s");
    }

    public async Task DisposeAsync()
    {
        Podman.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
