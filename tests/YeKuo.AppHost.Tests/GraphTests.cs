using YeKuo.Hosting;

namespace YeKuo.AppHost.Tests;

/// <summary>Graph declaration and environment composition, without starting anything.</summary>
public sealed class GraphTests
{
    private static DistributedApplicationBuilder Builder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = args,
            StateDirectory = Path.Combine(Path.GetTempPath(), "yekuo-graph-" + Guid.NewGuid().ToString("N")),
            LogSink = ResourceLogSinks.None,
        });

    [Fact]
    public async Task Project_environment_follows_Aspire_conventions()
    {
        var builder = Builder("--otlp-endpoint", "http://127.0.0.1:4317", "--environment", "Staging");
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        var db = builder.AddSqlite("acceptancedb");
        var acceptance = builder.AddProject("acceptance", "services/YeKuo.Acceptance/YeKuo.Acceptance.csproj")
            .WithReference(messaging).WithReference(cache).WithReference(db).WaitFor(messaging);
        var gateway = builder.AddProject("gateway", "gateway/YeKuo.Gateway/YeKuo.Gateway.csproj")
            .WithReference(acceptance).WithHttpEndpoint(port: 5080).WithEnvironment("K", "V");
        await using var app = builder.Build();
        var context = new OrchestrationContext(builder.Options, app.RepositoryRoot, app.StateDirectory, app.Configuration, _ => { });

        var env = acceptance.Resource.BuildEnvironment(context);
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{messaging.Resource.AmqpPort}/", env["ConnectionStrings__messaging"]);
        Assert.Equal($"127.0.0.1:{cache.Resource.Port}", env["ConnectionStrings__cache"]);
        Assert.Equal($"Data Source={Path.Combine(app.StateDirectory, "acceptance.db")}", env["ConnectionStrings__acceptancedb"]);
        Assert.Equal($"http://127.0.0.1:{acceptance.Resource.Port}", env["ASPNETCORE_URLS"]);
        Assert.Equal("Staging", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Staging", env["DOTNET_ENVIRONMENT"]);
        Assert.Equal("acceptance", env["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={acceptance.Resource.InstanceId}", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(app.StateDirectory, env[OrchestratorProcesses.MarkerVariable]);

        var gatewayEnv = gateway.Resource.BuildEnvironment(context);
        Assert.Equal($"http://127.0.0.1:{acceptance.Resource.Port}", gatewayEnv["services__acceptance__http__0"]);
        Assert.Equal("http://127.0.0.1:5080", gatewayEnv["ASPNETCORE_URLS"]);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), app.GetEndpoint("gateway"));
        Assert.Equal("V", gatewayEnv["K"]);
        Assert.False(gatewayEnv.ContainsKey("ConnectionStrings__messaging"));
        Assert.Equal(Path.Combine(app.RepositoryRoot, "gateway", "YeKuo.Gateway", "bin", app.Configuration, "net10.0", "YeKuo.Gateway.dll"),
            gateway.Resource.GetOutputAssembly(app.Configuration));
    }

    [Fact]
    public async Task Without_OTLP_endpoint_none_is_passed_and_inherited_Aspire_variables_are_cleared()
    {
        var builder = Builder();
        var sample = builder.AddProject("sample", TestSupport.SampleProject);
        await using var app = builder.Build();
        var context = new OrchestrationContext(builder.Options, app.RepositoryRoot, app.StateDirectory, app.Configuration, _ => { });
        var env = sample.Resource.BuildEnvironment(context);
        Assert.False(env.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out var otlp) && otlp is not null);
        Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public async Task Only_keeps_the_named_resources_and_what_they_need()
    {
        var builder = Builder("--only", "acceptance");
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        var db = builder.AddSqlite("acceptancedb");
        builder.AddSqlite("meteringdb");
        var acceptance = builder.AddProject("acceptance", "services/YeKuo.Acceptance/YeKuo.Acceptance.csproj")
            .WithReference(cache).WithReference(db).WaitFor(messaging);
        builder.AddProject("gateway", "gateway/YeKuo.Gateway/YeKuo.Gateway.csproj").WithReference(acceptance);
        await using var app = builder.Build();
        Assert.Equal(["messaging", "cache", "acceptancedb", "acceptance"], app.Resources.Select(r => r.Name));
    }

    [Fact]
    public void Only_with_an_unknown_name_fails()
    {
        var builder = Builder("--only", "nope");
        builder.AddRedis("cache");
        Assert.Throws<DistributedApplicationException>(() => builder.Build());
    }

    [Fact]
    public async Task Configuration_defaults_to_the_callers_and_root_is_the_repository()
    {
        var builder = Builder("--gateway-port", "6090");
        Assert.Equal(6090, builder.Options.GatewayPort);
        await using var app = builder.Build();
        Assert.Equal(TestSupport.Configuration, app.Configuration);
        Assert.True(File.Exists(Path.Combine(app.RepositoryRoot, "Directory.Packages.props")));
    }

    [Fact]
    public void Sqlite_file_name_drops_the_db_suffix()
    {
        var builder = Builder();
        Assert.Equal("acceptance.db", builder.AddSqlite("acceptancedb").Resource.FileName);
        Assert.Equal("cache.db", builder.AddSqlite("cache").Resource.FileName);
        Assert.Equal("x.sqlite", builder.AddSqlite("other", "x.sqlite").Resource.FileName);
    }
}
