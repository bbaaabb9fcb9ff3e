namespace YeKuo.Hosting;

/// <summary>Options of <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>.
/// Command-line arguments (<see cref="Args"/>) fill the ones left null:
/// <c>--state-dir DIR</c>, <c>--gateway-port N</c> (or env <c>YEKUO_GATEWAY_PORT</c>), <c>--configuration Debug|Release</c>,
/// <c>--environment NAME</c>, <c>--otlp-endpoint URL</c> (or env <c>YEKUO_OTLP_ENDPOINT</c>), <c>--only a,b,c</c>.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Folder for data, logs, pid files (default <c>&lt;repo&gt;/.yekuo</c>).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Folder holding <c>YeKuo.Aspire.sln</c>; found by walking up when null.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Port the AppHost gives the gateway (read by the AppHost's Program.cs).</summary>
    public int? GatewayPort { get; set; }

    /// <summary>Build configuration of the projects to run (default: the caller's own, from its AssemblyConfigurationAttribute).</summary>
    public string? Configuration { get; set; }

    /// <summary><c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c> given to projects (default Development).</summary>
    public string? EnvironmentName { get; set; }

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> given to projects; not set when null.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Run only these resources (and what they reference or wait for). Null = all.</summary>
    public IReadOnlyCollection<string>? OnlyResources { get; set; }

    /// <summary>Where child output lines go (default: the console).</summary>
    public IResourceLogSink? LogSink { get; set; }

    /// <summary>How long a project may take to answer 200 on its health path.</summary>
    public TimeSpan ProjectStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long RabbitMQ/Redis may take to accept connections.</summary>
    public TimeSpan InfrastructureStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a child gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lines kept per resource in memory (see <see cref="DistributedApplication.GetLogs"/>).</summary>
    public int LogLinesPerResource { get; set; } = 500;

    /// <summary>Print the resource table after start and when stopping (default true).</summary>
    public bool PrintResourceTable { get; set; } = true;

    internal void ApplyArgs()
    {
        for (var i = 0; i < Args.Length; i++)
        {
            var arg = Args[i];
            string? value = null;
            var eq = arg.IndexOf('=');
            var key = eq > 0 ? arg[..eq] : arg;
            if (eq > 0) value = arg[(eq + 1)..];
            string Next()
            {
                if (value is not null) return value;
                if (i + 1 >= Args.Length) throw new ArgumentException($"Missing value after {key}.");
                return Args[++i];
            }

            switch (key)
            {
                case "--state-dir": StateDirectory ??= Next(); break;
                case "--repo-root": RepositoryRoot ??= Next(); break;
                case "--gateway-port": GatewayPort ??= int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--configuration" or "-c": Configuration ??= Next(); break;
                case "--environment": EnvironmentName ??= Next(); break;
                case "--otlp-endpoint": OtlpEndpoint ??= Next(); break;
                case "--only":
                    OnlyResources ??= Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
            }
        }

        if (GatewayPort is null && int.TryParse(Environment.GetEnvironmentVariable("YEKUO_GATEWAY_PORT"), out var port)) GatewayPort = port;
        OtlpEndpoint ??= NullIfEmpty(Environment.GetEnvironmentVariable("YEKUO_OTLP_ENDPOINT"));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
