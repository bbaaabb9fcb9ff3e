namespace YeKuo.AppHost.Infrastructure;

internal static class StateDirectoryExtensions
{
    /// <summary>
    /// Creates <paramref name="directory"/> just before the resource starts: the process runs in it or writes to it, and a
    /// fresh state directory has none yet.
    /// </summary>
    public static IResourceBuilder<T> WithDirectoryBeforeStart<T>(this IResourceBuilder<T> builder, string directory)
        where T : IResource
    {
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, (_, _) =>
        {
            Directory.CreateDirectory(directory);
            return Task.CompletedTask;
        });
        return builder;
    }
}
