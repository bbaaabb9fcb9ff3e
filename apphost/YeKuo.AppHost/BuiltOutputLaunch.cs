namespace YeKuo.AppHost;

/// <summary>
/// Starts a project from what the AppHost's build already built (<c>dotnet bin/&lt;configuration&gt;/&lt;tfm&gt;/&lt;name&gt;.dll</c>
/// in the project's directory) instead of Aspire's default <c>dotnet run --no-build --project …</c>. The <c>dotnet run</c>
/// wrapper evaluated the project with MSBuild at every start (≈ 2 CPU-s per service, measured: a start of the whole
/// system spent ≈ 12 CPU-s of its ≈ 60 there on two cores) and then stayed alive as the service's parent. Same working
/// directory (the project's: content root, appsettings.json, static web assets) and the same environment. Left to Aspire
/// under <c>dotnet watch</c> (it runs projects with hot reload) and in an IDE's debug session (the IDE launches them).
/// </summary>
public static class BuiltOutputLaunch
{
    public static IResourceBuilder<ProjectResource> WithBuiltOutputLaunch(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        if (!builder.ExecutionContext.IsRunMode
            || builder.Configuration["DOTNET_WATCH"] is "1" || string.Equals(builder.Configuration["DOTNET_WATCH"], "true", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])
            || OutputOf(projectPath) is not { } assembly)
        {
            // Publishing, watching, debugging, or not built where this AppHost's own build put its outputs: Aspire's default.
            return project;
        }
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(projectPath)! })
            .WithArgs(assembly);
    }

    /// <summary>
    /// The project's built assembly in the same <c>bin/&lt;configuration&gt;/&lt;tfm&gt;</c> layout as this process's own
    /// output (the AppHost, or a test or bench project that hosts it: all built together by one build), or null.
    /// </summary>
    private static string? OutputOf(string projectPath)
    {
        if (OutputLayout(AppContext.BaseDirectory) is not { } layout)
        {
            return null;
        }
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", layout, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return File.Exists(assembly) ? assembly : null;
    }

    /// <summary><c>Release/net10.0</c> from <c>…/bin/Release/net10.0/</c>; null when the directory is not a build output.</summary>
    public static string? OutputLayout(string baseDirectory)
    {
        var parts = Path.TrimEndingDirectorySeparator(baseDirectory).Split(Path.DirectorySeparatorChar);
        return parts.Length >= 3 && parts[^3] == "bin" ? Path.Combine(parts[^2], parts[^1]) : null;
    }
}
