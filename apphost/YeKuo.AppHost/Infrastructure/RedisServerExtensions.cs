namespace YeKuo.AppHost.Infrastructure;

public static class RedisServerExtensions
{
    /// <summary>
    /// A private Redis, healthy once it answers PING. A developer's run keeps its data (append-only file under the state
    /// directory); an ephemeral one keeps nothing. Published, the cache is a connection string parameter.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name, LocalSettings settings)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name);
        }

        var dataDirectory = settings.DirectoryOf(name);
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists) ?? "redis-server";
        var resource = new RedisServerResource(name, server, dataDirectory);
        var redis = builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var arg in (string[])["--bind", "127.0.0.1", "--daemonize", "no", "--dir", dataDirectory, "--logfile", ""])
                {
                    context.Args.Add(arg);
                }
                foreach (var arg in settings.Ephemeral ? (string[])["--appendonly", "no", "--save", ""] : ["--appendonly", "yes", "--save", "60 1"])
                {
                    context.Args.Add(arg);
                }
            })
            .WithRedisPingHealthCheck()
            .WithDirectoryBeforeStart(dataDirectory);
        return redis.AsConnectionString();
    }
}
