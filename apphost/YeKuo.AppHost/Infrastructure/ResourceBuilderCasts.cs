namespace YeKuo.AppHost.Infrastructure;

internal static class ResourceBuilderCasts
{
    /// <summary>The same resource seen by what services use it for (a connection string), so the graph reads the same
    /// whether the resource runs here or is a deployment's parameter.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
