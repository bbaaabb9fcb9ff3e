namespace YeKuo.Deploy.Tests.Hosts;

public static class RepositoryRoot
{
    /// <summary>The clone these tests were built from (the folder holding YeKuo.Aspire.sln).</summary>
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "YeKuo.Aspire.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No YeKuo.Aspire.sln above {AppContext.BaseDirectory}.");
    }
}
