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

    /// <summary>
    /// The SDK's layer cache for these publishes (it lives under <c>XDG_CACHE_HOME</c>, by default ~/.cache/dotnet/Containers,
    /// and keeps every layer it ever made: ≈ 450 MB per run of these tests), removed with the images.
    /// </summary>
    private readonly string _layerCache = Directory.CreateTempSubdirectory("yekuo-container-layers-").FullName;

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

        // Two at a time: the machine's two cores (measured: 7 images 101 s one by one, see the test output for this run).
        using var slots = new SemaphoreSlim(2);
        var published = await Task.WhenAll(HostProject.All.Select(async project =>
        {
            await slots.WaitAsync();
            try
            {
                var step = Stopwatch.StartNew();
                var image = await PublishAsync(project);
                await Podman.PullAsync(image);
                lock (_timings)
                {
                    _timings.Add($"{project.Repository}: published and pulled in {step.Elapsed.TotalSeconds:F1} s");
                }
                return (project, image);
            }
            finally
            {
                slots.Release();
            }
        }));
        var images = published.ToDictionary(p => p.project, p => p.image);
        Images = images;
        _timings.Add($"all images: {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The configuration these tests were built in (bin/Release/… or bin/Debug/…): the hosts' libraries are built in it too.</summary>
    private static string Configuration =>
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).SkipWhile(s => s != "bin").Skip(1).FirstOrDefault() ?? "Release";

    /// <summary>
    /// <c>dotnet publish -t:PublishContainer</c> onto the local base, pushed to the local registry; returns the image.
    /// The libraries it references were built with these tests (BuildProjectReferences=false), so two publishes never
    /// write the same files and can run side by side.
    /// </summary>
    private async Task<string> PublishAsync(HostProject project)
    {
        await Command.RunAsync("dotnet",
            [
                "publish", project.ProjectPath, "-c", Configuration, "-t:PublishContainer", "-p:BuildProjectReferences=false",
                $"-p:ContainerBaseImage={_registry!.BaseImage}", $"-p:ContainerRegistry={Registry}", $"-p:ContainerImageTag={Tag}",
                "--disable-build-servers", "-nodeReuse:false", "-nologo", "-v:q",
            ],
            new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = Registry, ["XDG_CACHE_HOME"] = _layerCache },
            RepositoryRoot.Path, TimeSpan.FromMinutes(5));
        return $"{Registry}/{project.Repository}:{Tag}";
    }

    public async Task DisposeAsync()
    {
        Podman.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
        Directory.Delete(_layerCache, recursive: true);
    }
}
