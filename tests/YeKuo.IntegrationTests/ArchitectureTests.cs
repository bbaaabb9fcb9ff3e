using System.Xml.Linq;

namespace YeKuo.IntegrationTests;

/// <summary>Rules of the architecture that the compiler does not enforce.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] DepartmentServices =
        ["YeKuo.Acceptance", "YeKuo.SupplyScheme", "YeKuo.Inspection", "YeKuo.Metering", "YeKuo.Notification"];

    [Fact]
    public void No_service_project_references_another_service_project()
    {
        var root = RepositoryRoot();
        foreach (var service in DepartmentServices)
        {
            var project = Path.Combine(root, "services", service, $"{service}.csproj");
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray();
            Assert.NotEmpty(references);
            var offending = references.Intersect(DepartmentServices).ToArray();
            Assert.True(offending.Length == 0, $"{service} references {string.Join(", ", offending)}: departments talk only through messages.");
        }
    }

    [Fact]
    public void The_gateway_references_no_service_project()
    {
        var project = Path.Combine(RepositoryRoot(), "gateway", "YeKuo.Gateway", "YeKuo.Gateway.csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
        Assert.Empty(references.Intersect(DepartmentServices));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "YeKuo.Aspire.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("YeKuo.Aspire.sln not found above the test binaries.");
    }
}
