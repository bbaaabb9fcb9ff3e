using System.Reflection;

namespace YeKuo.Hosting;

/// <summary>Declares the resource graph (Aspire's <c>IDistributedApplicationBuilder</c>).</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly Assembly? _caller;

    internal DistributedApplicationBuilder(DistributedApplicationOptions options, Assembly? caller)
    {
        Options = options;
        _caller = caller;
        options.ApplyArgs();
    }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<RabbitMQResource> AddRabbitMQ(string name) => Add(new RabbitMQResource(name));

    public IResourceBuilder<RedisResource> AddRedis(string name) => Add(new RedisResource(name));

    /// <summary>A SQLite database file <c>&lt;state dir&gt;/&lt;fileName&gt;</c> (default: the name without a trailing "db", plus ".db").</summary>
    public IResourceBuilder<SqliteResource> AddSqlite(string name, string? fileName = null) => Add(new SqliteResource(name, fileName));

    /// <summary>A .NET project; <paramref name="projectPath"/> is relative to the repository root (the folder of YeKuo.Aspire.sln).</summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) => Add(new ProjectResource(name, projectPath));

    /// <summary>Adds a resource built elsewhere in this assembly (telemetry resources).</summary>
    internal IResourceBuilder<T> AddResource<T>(T resource) where T : Resource => Add(resource);

    private ResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
            throw new DistributedApplicationException($"A resource named '{resource.Name}' already exists.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var root = Options.RepositoryRoot is { } r ? Path.GetFullPath(r) : FindRepositoryRoot();
        var stateDir = Path.GetFullPath(Options.StateDirectory ?? Path.Combine(root, ".yekuo")).TrimEnd('/');
        var configuration = Options.Configuration
            ?? ConfigurationOf(_caller)
            ?? ConfigurationOf(Assembly.GetEntryAssembly())
            ?? "Debug";

        var selected = _resources.ToList();
        if (Options.OnlyResources is { Count: > 0 } only)
        {
            var unknown = only.Where(n => !_resources.Any(res => string.Equals(res.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
                throw new DistributedApplicationException(
                    $"--only names unknown resources: {string.Join(", ", unknown)}. Known: {string.Join(", ", _resources.Select(x => x.Name))}.");
            var keep = new HashSet<Resource>();
            void Visit(Resource res)
            {
                if (!keep.Add(res)) return;
                foreach (var dep in res.WaitForDependencies.Concat(res.References).OfType<Resource>()) Visit(dep);
            }
            foreach (var res in _resources.Where(x => only.Contains(x.Name, StringComparer.OrdinalIgnoreCase))) Visit(res);
            selected = _resources.Where(keep.Contains).ToList();
        }

        return new DistributedApplication(Options, root, stateDir, configuration, selected);
    }

    private static string? ConfigurationOf(Assembly? assembly) =>
        assembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : null;

    /// <summary>Walks up from the app's base directory, then from the current directory, to the folder holding YeKuo.Aspire.sln
    /// (or, while the solution does not exist yet, Directory.Packages.props next to global.json).</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var marker in new Func<string, bool>[]
                 {
                     d => File.Exists(Path.Combine(d, "YeKuo.Aspire.sln")),
                     d => File.Exists(Path.Combine(d, "Directory.Packages.props")) && File.Exists(Path.Combine(d, "global.json")),
                 })
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (marker(dir.FullName)) return dir.FullName;
            }
        }
        throw new DistributedApplicationException("Repository root not found: no YeKuo.Aspire.sln above " + AppContext.BaseDirectory);
    }
}
