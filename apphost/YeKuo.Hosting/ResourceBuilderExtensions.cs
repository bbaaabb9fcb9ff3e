namespace YeKuo.Hosting;

/// <summary>Aspire-shaped fluent methods.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Passes <c>ConnectionStrings__&lt;source name&gt;</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment
    {
        AsResource(builder).References.Add(source.Resource);
        return builder;
    }

    /// <summary>Passes <c>services__&lt;source name&gt;__http__0</c> (service discovery).</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment
    {
        AsResource(builder).References.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is running (healthy).</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        AsResource(builder).WaitForDependencies.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string? value)
    {
        builder.Resource.Environment.Add((name, () => value));
        return builder;
    }

    /// <summary>Value computed when the process starts (e.g. from another resource's endpoint).</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, Func<string?> value)
    {
        builder.Resource.Environment.Add((name, value));
        return builder;
    }

    /// <summary>Fixes the HTTP port (else a free loopback port is chosen). <paramref name="name"/> must be null or "http".</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null, string? name = null)
    {
        if (name is not (null or "http")) throw new NotSupportedException("Only the single 'http' endpoint is supported.");
        builder.Resource.RequestedPort = port;
        return builder;
    }

    /// <summary>Health path polled before the project counts as Running (default /health).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        builder.Resource.HealthPath = path;
        return builder;
    }

    /// <summary>Enables the RabbitMQ management UI on a free loopback port (user guest/guest).</summary>
    public static IResourceBuilder<RabbitMQResource> WithManagementPlugin(this IResourceBuilder<RabbitMQResource> builder)
    {
        builder.Resource.ManagementEnabled = true;
        return builder;
    }

    /// <summary>Redis with AOF and snapshots in its state folder.</summary>
    public static IResourceBuilder<RedisResource> WithPersistence(this IResourceBuilder<RedisResource> builder)
    {
        builder.Resource.Persistent = true;
        return builder;
    }

    private static Resource AsResource<T>(IResourceBuilder<T> builder) where T : IResource =>
        builder.Resource as Resource ?? throw new ArgumentException("Unknown resource type.", nameof(builder));
}
