using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>
/// A project that ships a container image, as MSBuild evaluates it for <c>dotnet publish</c> (eng/Containers.props and
/// the project itself): the image's repository, user, port and health labels, and the assembly to start.
/// </summary>
public sealed record HostProject(
    string ProjectPath,
    string AssemblyName,
    string Repository,
    string User,
    string RuntimeIdentifier,
    bool SelfContained,
    IReadOnlyList<int> Ports,
    IReadOnlyDictionary<string, string> Labels)
{
    public const string LivenessLabel = "cn.yekuo.health.liveness";
    public const string ReadinessLabel = "cn.yekuo.health.readiness";

    /// <summary><c>yekuo/acceptance</c> → <c>acceptance</c>: the name the host goes by (service discovery, telemetry).</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public string LivenessPath => Labels[LivenessLabel];

    public string ReadinessPath => Labels[ReadinessLabel];

    public Assembly Assembly => Assembly.Load(AssemblyName);

    /// <summary>Every Web SDK project of the repository (the hosts: department services, gateway, web front end).</summary>
    public static IReadOnlyList<HostProject> All => LazyAll.Value;

    private static readonly Lazy<IReadOnlyList<HostProject>> LazyAll = new(() =>
        Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj" or "tests" or "bench" or "apphost" or "artifacts" or ".yekuo"))
            .Where(p => File.ReadAllText(p).Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Evaluate)
            .ToList());

    private static HostProject Evaluate(string projectPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "msbuild", projectPath, "-nologo", "-p:_IsPublishing=true", "-p:Configuration=Release",
                "-getProperty:AssemblyName", "-getProperty:ContainerRepository", "-getProperty:ContainerUser",
                "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained", "-getItem:ContainerPort", "-getItem:ContainerLabel",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Evaluating {projectPath} failed ({process.ExitCode}): {output}{error}");
        }
        using var json = JsonDocument.Parse(output);
        var properties = json.RootElement.GetProperty("Properties");
        var items = json.RootElement.GetProperty("Items");
        string Property(string name) => properties.GetProperty(name).GetString() ?? "";
        IEnumerable<JsonElement> Items(string name) => items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];
        return new HostProject(
            projectPath,
            Property("AssemblyName"),
            Property("ContainerRepository"),
            Property("ContainerUser"),
            Property("RuntimeIdentifier"),
            bool.TryParse(Property("SelfContained"), out var selfContained) && selfContained,
            Items("ContainerPort").Select(p => int.Parse(p.GetProperty("Identity").GetString()!)).ToList(),
            Items("ContainerLabel").ToDictionary(l => l.GetProperty("Identity").GetString()!, l => l.GetProperty("Value").GetString()!));
    }
}
