namespace YeKuo.Hosting;

/// <summary>A named thing the orchestrator runs or provides (Aspire's <c>IResource</c>).</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource that gives a connection string, passed on as <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string (known once the application is built: ports are allocated at <c>Build()</c>).</summary>
    string? ConnectionString { get; }
}

/// <summary>A resource that receives environment variables (references, <c>WithEnvironment</c>).</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that exposes HTTP endpoints.</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource that can be found through <c>services__&lt;name&gt;__http__0</c>.</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;

/// <summary>A resource whose start can wait for other resources (<c>WaitFor</c>).</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>Fluent builder for one resource (Aspire's <c>IResourceBuilder&lt;T&gt;</c>).</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }
    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
    public T Resource { get; } = resource;
}

/// <summary>Lifecycle state of a resource, as shown in the resource table.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Stopped,
    Exited,
    FailedToStart,
}

/// <summary>One row of the resource table.</summary>
public sealed record ResourceSnapshot(string Name, string Type, ResourceState State, string? Url, int? ProcessId, int? ExitCode);

/// <summary>Thrown when a resource cannot be started or found.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
