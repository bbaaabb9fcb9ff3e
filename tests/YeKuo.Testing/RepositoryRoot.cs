namespace YeKuo.Testing;

/// <summary>The folder holding <c>YeKuo.Aspire.sln</c>, found by walking up from the running assembly.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YeKuo.Aspire.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"YeKuo.Aspire.sln not found above {AppContext.BaseDirectory}.");
    }
}
