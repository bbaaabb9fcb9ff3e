namespace YeKuo.AppHost;

public static class DepartmentExtensions
{
    /// <summary>
    /// A department service: its own database (<c>ConnectionStrings__&lt;name&gt;db</c>: a SQLite file under the state
    /// directory locally, a SQL Server connection string parameter when published), the broker and the cache, started once
    /// both accept connections, healthy when its <c>/health</c> answers 200.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddDepartment<TProject>(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<IResourceWithConnectionString> messaging, IResourceBuilder<IResourceWithConnectionString> cache,
        IResourceBuilder<ParameterResource> signingKey, LocalSettings settings)
        where TProject : IProjectMetadata, new()
    {
        var databaseName = $"{name}db";
        var database = builder.ExecutionContext.IsPublishMode
            ? builder.AddConnectionString(databaseName)
            : builder.AddConnectionString(databaseName, ReferenceExpression.Create($"Data Source={Path.Combine(settings.StateDirectory, name + ".db")}"));
        var department = builder.AddHost<TProject>(name)
            .WithLocalTokens(signingKey)
            .WithReference(messaging).WaitFor(messaging)
            .WithReference(cache).WaitFor(cache)
            .WithReference(database);
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Past one machine every department keeps its data in SQL Server (both providers have their migrations).
            department.WithEnvironment("Database__Provider", "SqlServer");
        }
        return department;
    }

    /// <summary>
    /// One of our ASP.NET Core hosts: an HTTP endpoint on a loopback port DCP picks (or <paramref name="port"/>) that the
    /// process binds itself (no proxy hop), healthy when <c>/health</c> answers 200, in the Development environment locally.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddHost<TProject>(this IDistributedApplicationBuilder builder, string name, int? port = null)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithBuiltOutputLaunch()
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck("/health")
            .WithLocalOnlyEnvironment("ASPNETCORE_ENVIRONMENT", "Development");

    /// <summary>Token validation settings every host shares: the run's signing key, issuer and audience.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalTokens(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithEnvironment("Jwt__SigningKey", signingKey)
            .WithEnvironment("Jwt__Issuer", LocalSettings.JwtIssuer)
            .WithEnvironment("Jwt__Audience", LocalSettings.JwtAudience);

    /// <summary>A development-only switch (dev tokens, dev sign-in, loopback webhooks...): set when running locally, never
    /// written to the publish manifest a deployment starts from.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalOnlyEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value) =>
        project.ApplicationBuilder.ExecutionContext.IsRunMode ? project.WithEnvironment(name, value) : project;
}
