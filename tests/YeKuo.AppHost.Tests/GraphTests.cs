using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using YeKuo.AppHost.Infrastructure;

namespace YeKuo.AppHost.Tests;

/// <summary>The graph the AppHost declares, read from Aspire's application model without starting anything.</summary>
public sealed class GraphTests
{
    private static readonly string[] Departments = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    private static async Task<IDistributedApplicationTestingBuilder> GraphAsync(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.YeKuo_AppHost>(
            ["--YeKuo:StateDirectory=/tmp/yekuo-graph-test", "--YeKuo:Ephemeral=true", .. args]);

    private static IResource Resource(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.SingleOrDefault(r => r.Name == name) ?? throw new Xunit.Sdk.XunitException($"no resource '{name}' in the graph");

    private static IEnumerable<string> WaitsOf(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    [Fact]
    public async Task The_graph_has_the_broker_the_cache_five_departments_with_their_databases_the_gateway_and_the_web_front_end()
    {
        await using var builder = await GraphAsync();

        Assert.IsType<RabbitMQNodeResource>(Resource(builder, "messaging"));
        Assert.IsType<ErlangPortMapperResource>(Resource(builder, "messaging-epmd"));
        Assert.IsType<RedisServerResource>(Resource(builder, "cache"));
        foreach (var name in Departments.Append("gateway").Append("web"))
        {
            Assert.IsType<ProjectResource>(Resource(builder, name));
        }
        foreach (var department in Departments)
        {
            Assert.IsAssignableFrom<IResourceWithConnectionString>(Resource(builder, $"{department}db"));
        }
        Assert.DoesNotContain(builder.Resources, r => r is ContainerResource);
    }

    [Fact]
    public async Task Every_department_waits_for_the_broker_and_the_cache_and_the_gateway_for_every_department()
    {
        await using var builder = await GraphAsync();

        foreach (var department in Departments)
        {
            Assert.Equal(["cache", "messaging"], WaitsOf(Resource(builder, department)).Order());
        }
        Assert.Equal(Departments.Order(), WaitsOf(Resource(builder, "gateway")).Order());
        Assert.Equal(["messaging-epmd"], WaitsOf(Resource(builder, "messaging")));
        // The web front end needs the gateway only when a user acts, and the gateway must not wait for it (a cycle).
        Assert.Empty(WaitsOf(Resource(builder, "web")));
    }

    [Fact]
    public async Task Every_host_and_every_server_has_a_readiness_check_so_waiting_means_serving()
    {
        await using var builder = await GraphAsync();

        foreach (var name in YeKuo.Testing.YeKuoSystem.HealthCheckedResources.Append("messaging-epmd"))
        {
            Assert.True(Resource(builder, name).Annotations.OfType<HealthCheckAnnotation>().Any(), $"{name} has no health check");
        }
    }

    /// <summary>Each project's environment as published (the committed manifest, kept in step by <see cref="ManifestTests"/>).</summary>
    private static Dictionary<string, string> PublishedEnvironment(string resource)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(YeKuo.Testing.RepositoryRoot.Find(), "apphost", "aspire-manifest.json")));
        return manifest.RootElement.GetProperty("resources").GetProperty(resource).GetProperty("env").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [Fact]
    public void Services_get_every_connection_string_and_service_address_they_read_from_the_graph()
    {
        foreach (var department in Departments)
        {
            var env = PublishedEnvironment(department);
            Assert.Equal("{messaging.connectionString}", env["ConnectionStrings__messaging"]);
            Assert.Equal("{cache.connectionString}", env["ConnectionStrings__cache"]);
            Assert.Equal($"{{{department}db.connectionString}}", env[$"ConnectionStrings__{department}db"]);
            Assert.Equal("SqlServer", env["Database__Provider"]);
            Assert.Equal("{jwt-signing-key.value}", env["Jwt__SigningKey"]);
            Assert.Equal("yekuo-local", env["Jwt__Issuer"]);
        }
        var gateway = PublishedEnvironment("gateway");
        foreach (var service in Departments.Append("web"))
        {
            Assert.Equal($"{{{service}.bindings.http.url}}", gateway[$"services__{service}__http__0"]);
        }
        Assert.Equal("{gateway.bindings.http.url}", PublishedEnvironment("web")["services__gateway__http__0"]);
    }

    [Fact]
    public async Task Every_host_starts_locally_from_its_build_output_instead_of_through_dotnet_run_and_is_published_as_a_project()
    {
        await using var builder = await GraphAsync();

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(YeKuo.Testing.RepositoryRoot.Find(), "apphost", "aspire-manifest.json")));
        foreach (var name in Departments.Append("gateway").Append("web"))
        {
            var project = (ProjectResource)Resource(builder, name);
            var projectPath = project.GetProjectMetadata().ProjectPath;
            var executable = Assert.Single(project.Annotations.OfType<ExecutableAnnotation>());
            Assert.Equal("dotnet", executable.Command);
            Assert.Equal(Path.GetDirectoryName(projectPath), executable.WorkingDirectory);

            var arguments = new List<object>();
            foreach (var callback in project.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
            {
                await callback.Callback(new CommandLineArgsCallbackContext(arguments));
            }
            var assembly = Assert.IsType<string>(Assert.Single(arguments));
            // This test's own output is bin/<configuration>/<tfm>, like every project built with it.
            Assert.Equal(Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", BuiltOutputLaunch.OutputLayout(AppContext.BaseDirectory)!,
                Path.GetFileNameWithoutExtension(projectPath) + ".dll"), assembly);
            Assert.True(File.Exists(assembly), assembly);

            var published = manifest.RootElement.GetProperty("resources").GetProperty(name);
            Assert.Equal("project.v0", published.GetProperty("type").GetString());
            Assert.False(published.TryGetProperty("args", out _));
        }
        Assert.Null(BuiltOutputLaunch.OutputLayout("/home/dev/tools/"));
        Assert.Equal(Path.Combine("Debug", "net10.0"), BuiltOutputLaunch.OutputLayout("/src/apphost/YeKuo.AppHost/bin/Debug/net10.0/"));
    }

    [Fact]
    public async Task Development_switches_are_set_locally_and_never_published()
    {
        await using var local = await GraphAsync();

        string[] developmentOnly = ["DevTokens__Enabled", "DevSignIn__Enabled", "SchemeReview__AllowDecisionBeforeMeeting", "Notification__Webhooks__AllowLoopback"];
        foreach (var project in Departments.Append("gateway").Append("web"))
        {
            Assert.Empty(developmentOnly.Intersect(PublishedEnvironment(project).Keys));
        }
        // Locally they are part of the graph (evaluated at start).
        foreach (var (resource, variable) in new[] { ("gateway", "DevTokens__Enabled"), ("web", "DevSignIn__Enabled"), ("supplyscheme", "SchemeReview__AllowDecisionBeforeMeeting"), ("notification", "Notification__Webhooks__AllowLoopback") })
        {
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
            foreach (var callback in Resource(local, resource).Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                try { await callback.Callback(context); }
                catch (Exception e) when (e is InvalidOperationException or NullReferenceException) { /* callbacks that need a running app */ }
            }
            Assert.Equal("true", context.EnvironmentVariables[variable]?.ToString());
        }
    }

    [Fact]
    public async Task The_gateway_listens_on_5080_unless_told_otherwise_and_every_other_host_on_a_free_port_without_a_proxy()
    {
        await using var defaults = await GraphAsync();
        await using var anyPort = await GraphAsync("--YeKuo:GatewayPort=0");

        Assert.Equal(5080, Endpoint(defaults, "gateway").Port);
        Assert.Null(Endpoint(anyPort, "gateway").Port);
        foreach (var name in Departments.Append("web"))
        {
            Assert.Null(Endpoint(defaults, name).Port);
        }
        Assert.All(defaults.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()), e => Assert.False(e.IsProxied, $"{e.Name} is proxied"));

        static EndpointAnnotation Endpoint(IDistributedApplicationTestingBuilder builder, string name) =>
            Resource(builder, name).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
    }

    [Fact]
    public async Task A_developer_run_keeps_state_under_the_repository_and_offers_the_management_UI_an_ephemeral_one_does_not()
    {
        await using var developer = await DistributedApplicationTestingBuilder.CreateAsync<Projects.YeKuo_AppHost>([]);
        await using var ephemeral = await GraphAsync();

        var node = (RabbitMQNodeResource)Resource(developer, "messaging");
        Assert.Equal(Path.Combine(YeKuo.Testing.RepositoryRoot.Find(), ".yekuo", "messaging"), node.DataDirectory);
        Assert.Contains(node.Annotations.OfType<EndpointAnnotation>(), e => e.Name == RabbitMQNodeResource.ManagementEndpointName);
        Assert.DoesNotContain(Resource(ephemeral, "messaging").Annotations.OfType<EndpointAnnotation>(), e => e.Name == RabbitMQNodeResource.ManagementEndpointName);
        Assert.Equal("/tmp/yekuo-graph-test/cache", ((RedisServerResource)Resource(ephemeral, "cache")).DataDirectory);
    }

    [Fact]
    public async Task Redis_keeps_an_append_only_file_for_a_developer_and_nothing_for_a_test()
    {
        await using var developer = await DistributedApplicationTestingBuilder.CreateAsync<Projects.YeKuo_AppHost>([]);
        await using var ephemeral = await GraphAsync();

        Assert.Contains("--appendonly yes", await ArgumentsAsync(developer));
        Assert.Contains("--appendonly no --save ", await ArgumentsAsync(ephemeral));

        static async Task<string> ArgumentsAsync(IDistributedApplicationTestingBuilder builder)
        {
            var context = new CommandLineArgsCallbackContext([]) { ExecutionContext = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run) };
            foreach (var callback in Resource(builder, "cache").Annotations.OfType<CommandLineArgsCallbackAnnotation>())
            {
                await callback.Callback(context);
            }
            return string.Join(" ", context.Args.Select(a => a as string ?? "<port>"));
        }
    }

    private static IEnumerable<string> ReferencesOf(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource.Name);

    private static async Task<Dictionary<string, object>> LocalEnvironmentAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            try { await callback.Callback(context); }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException) { /* callbacks that need a running app */ }
        }
        return context.EnvironmentVariables;
    }

    [Fact]
    public async Task Each_department_references_the_broker_the_cache_and_its_own_database_only()
    {
        await using var builder = await GraphAsync();

        foreach (var department in Departments)
        {
            Assert.Equal(new[] { "cache", $"{department}db", "messaging" }.Order(), ReferencesOf(Resource(builder, department)).Where(r => r != "jwt-signing-key").Order());
        }
    }

    [Fact]
    public async Task The_gateway_and_the_web_front_end_reference_each_other_and_the_gateway_every_department()
    {
        await using var builder = await GraphAsync();

        Assert.Equal(Departments.Append("web").Order(), ReferencesOf(Resource(builder, "gateway")).Where(r => r != "jwt-signing-key").Order());
        Assert.Equal(["gateway"], ReferencesOf(Resource(builder, "web")));
    }

    [Fact]
    public async Task The_signing_key_is_one_generated_secret_every_service_and_the_gateway_validate_with()
    {
        await using var builder = await GraphAsync();

        var key = Assert.IsType<ParameterResource>(Resource(builder, "jwt-signing-key"));
        Assert.True(key.Secret);
        foreach (var host in Departments.Append("gateway"))
        {
            var env = await LocalEnvironmentAsync(Resource(builder, host));
            Assert.Same(key, env["Jwt__SigningKey"]);
            Assert.Equal("yekuo-local", env["Jwt__Issuer"]);
            Assert.Equal("yekuo-api", env["Jwt__Audience"]);
        }
    }

    [Fact]
    public async Task The_broker_binds_loopback_only_keeps_every_file_in_its_folder_and_runs_its_VM_directly()
    {
        await using var builder = await GraphAsync();

        var env = await LocalEnvironmentAsync(Resource(builder, "messaging"));
        Assert.Equal("127.0.0.1", env["RABBITMQ_NODE_IP_ADDRESS"]);
        Assert.Equal("127.0.0.1", env["ERL_EPMD_ADDRESS"]);
        Assert.Equal("true", env["RUNNING_UNDER_SYSTEMD"]);
        foreach (var variable in new[] { "HOME", "RABBITMQ_MNESIA_BASE", "RABBITMQ_LOG_BASE", "RABBITMQ_CONFIG_FILE", "RABBITMQ_ENABLED_PLUGINS_FILE", "RABBITMQ_PID_FILE" })
        {
            Assert.StartsWith("/tmp/yekuo-graph-test/messaging/", env[variable].ToString());
        }
        Assert.Matches("^yekuo-messaging-[0-9a-f]{8}@localhost$", env["RABBITMQ_NODENAME"].ToString());
        Assert.IsType<EndpointReferenceExpression>(env["ERL_EPMD_PORT"]);
    }

    [Fact]
    public async Task The_broker_runs_half_the_cores_worth_of_schedulers_unbound_beside_the_services()
    {
        await using var builder = await GraphAsync();

        var env = await LocalEnvironmentAsync(Resource(builder, "messaging"));
        var schedulers = Math.Max(1, Environment.ProcessorCount / 2);
        Assert.Equal("u", env["RABBITMQ_SCHEDULER_BIND_TYPE"]);
        Assert.Equal($"+S {schedulers}:{schedulers}", env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"]);
    }

    [Fact]
    public async Task The_gateway_port_can_come_from_YEKUO_GATEWAY_PORT_as_before()
    {
        await using var builder = await GraphAsync("--YEKUO_GATEWAY_PORT=5099");

        Assert.Equal(5099, Resource(builder, "gateway").Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }

    [Fact]
    public async Task Prometheus_is_part_of_a_developer_run_only_when_Debian_s_prometheus_is_installed()
    {
        await using var developer = await DistributedApplicationTestingBuilder.CreateAsync<Projects.YeKuo_AppHost>([]);
        await using var ephemeral = await GraphAsync();

        var installed = File.Exists("/usr/bin/prometheus") || File.Exists("/usr/local/bin/prometheus");
        Assert.Equal(installed, developer.Resources.Any(r => r.Name == "prometheus"));
        Assert.DoesNotContain(ephemeral.Resources, r => r.Name == "prometheus");
    }

    [Fact]
    public void A_deployment_is_asked_for_the_broker_the_cache_and_each_database_as_secrets()
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(YeKuo.Testing.RepositoryRoot.Find(), "apphost", "aspire-manifest.json")));
        var resources = manifest.RootElement.GetProperty("resources");
        foreach (var name in Departments.Select(d => $"{d}db").Append("messaging").Append("cache"))
        {
            var resource = resources.GetProperty(name);
            Assert.Equal("parameter.v0", resource.GetProperty("type").GetString());
            Assert.Equal($"{{{name}.value}}", resource.GetProperty("connectionString").GetString());
            Assert.True(resource.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean(), $"{name} is not a secret");
        }
        // Nothing of the local infrastructure is published.
        Assert.False(resources.TryGetProperty("messaging-epmd", out _));
    }
}
