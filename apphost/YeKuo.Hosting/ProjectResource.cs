using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace YeKuo.Hosting;

/// <summary>A .NET project run from its build output: <c>dotnet &lt;projectDir&gt;/bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;Assembly&gt;.dll</c>,
/// working directory = the project folder (as <c>dotnet run</c> and Aspire do). Ready when <c>GET &lt;health path&gt;</c> answers 200.</summary>
public sealed class ProjectResource : ProcessResource, IResourceWithEnvironment, IResourceWithServiceDiscovery, IResourceWithWaitSupport
{
    internal ProjectResource(string name, string projectPath) : base(name) => ProjectPath = projectPath;

    public override string TypeName => "Project";

    /// <summary>The .csproj path as declared (relative to the repository root, or absolute).</summary>
    public string ProjectPath { get; }

    public string? FullProjectPath { get; private set; }

    /// <summary>Fixed port from <c>WithHttpEndpoint(port)</c>; null = a free port chosen at Build().</summary>
    public int? RequestedPort { get; internal set; }

    public int Port { get; private set; }
    public string HealthPath { get; internal set; } = "/health";
    public string? HttpUrl => Port == 0 ? null : $"http://127.0.0.1:{Port}";
    public override string? DisplayUrl => HttpUrl;

    /// <summary>Instance id passed as <c>OTEL_RESOURCE_ATTRIBUTES=service.instance.id=…</c>; kept across restarts of the resource.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString();

    internal List<(string Key, Func<string?> Value)> Environment { get; } = [];

    internal override Uri? GetEndpoint(string? endpointName) =>
        HttpUrl is null || endpointName is not (null or "http") ? null : new Uri(HttpUrl);

    internal override void Prepare(OrchestrationContext context)
    {
        FullProjectPath = Path.GetFullPath(Path.IsPathRooted(ProjectPath) ? ProjectPath : Path.Combine(context.RepositoryRoot, ProjectPath));
        if (Port != 0) return;
        if (RequestedPort is { } fixedPort)
        {
            Port = fixedPort;
            context.ReservePort(fixedPort);
        }
        else
        {
            Port = context.AllocatePort();
        }
    }

    /// <summary>The assembly the project builds, from its AssemblyName/TargetFramework properties (defaults: file name, net10.0).</summary>
    public string GetOutputAssembly(string configuration)
    {
        var project = FullProjectPath ?? throw new InvalidOperationException("Build() the application first.");
        string? assemblyName = null, tfm = null;
        if (File.Exists(project))
        {
            var doc = XDocument.Load(project);
            assemblyName = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim();
            tfm = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "TargetFramework")?.Value.Trim();
        }
        if (string.IsNullOrEmpty(assemblyName) || assemblyName.Contains("$(", StringComparison.Ordinal))
            assemblyName = Path.GetFileNameWithoutExtension(project);
        if (string.IsNullOrEmpty(tfm) || tfm.Contains("$(", StringComparison.Ordinal)) tfm = "net10.0";
        return Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, tfm, assemblyName + ".dll");
    }

    internal Dictionary<string, string?> BuildEnvironment(OrchestrationContext context)
    {
        var env = context.BaseEnvironment();
        env["ASPNETCORE_URLS"] = HttpUrl;
        env["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName;
        env["DOTNET_ENVIRONMENT"] = context.EnvironmentName;
        env["OTEL_SERVICE_NAME"] = Name;
        env["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={InstanceId}";
        if (context.Options.OtlpEndpoint is { } otlp) env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        env["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        foreach (var reference in References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString cs:
                    env[$"ConnectionStrings__{cs.Name}"] = cs.ConnectionString;
                    break;
                case ProjectResource project:
                    env[$"services__{project.Name}__http__0"] = project.HttpUrl;
                    break;
            }
        }
        foreach (var (key, value) in Environment) env[key] = value();
        return env;
    }

    internal override async Task StartAsync(OrchestrationContext context, CancellationToken ct)
    {
        var dll = GetOutputAssembly(context.Configuration);
        if (!File.Exists(dll))
            throw new DistributedApplicationException(
                $"Resource '{Name}': {dll} does not exist. Build it first: dotnet build -c {context.Configuration} {FullProjectPath}");
        var dotnet = DotnetHost();
        StartProcess(context, dotnet, [dll], Path.GetDirectoryName(FullProjectPath)!, BuildEnvironment(context));
        var healthUri = new Uri(new Uri(HttpUrl!), HealthPath);
        await WaitUntilAsync(async c =>
        {
            try
            {
                using var response = await context.Http.GetAsync(healthUri, c).ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !c.IsCancellationRequested)
            {
                return false;
            }
        }, context.Options.ProjectStartupTimeout, $"GET {healthUri} = 200", ct).ConfigureAwait(false);
    }

    internal override Task StopAsync(OrchestrationContext context) => StopProcessAsync(context, kill: false);

    internal static string DotnetHost()
    {
        var fromCli = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var self = System.Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "dotnet") return self;
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        var root = System.Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        throw new DistributedApplicationException("The dotnet host was not found on PATH.");
    }

}
