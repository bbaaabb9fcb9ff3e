using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using YeKuo.Deploy.Tests.Containers;
using YeKuo.Deploy.Tests.Manifests;

namespace YeKuo.Deploy.Tests;

/// <summary>
/// Every host's image, built with the SDK on the runtime-deps equivalent base, starts under podman and answers its
/// liveness endpoint; it runs with its manifest's settings, where only what a cluster has is replaced by a local
/// stand-in (SQL Server by a SQLite file in /tmp, the broker and Redis by addresses where nothing listens: a host must
/// come up without them, and /alive must not depend on them).
/// </summary>
public sealed class ContainerImageTests(HostImages images, ITestOutputHelper output) : IClassFixture<HostImages>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Theory]
    [MemberData(nameof(ManifestTests.Hosts), MemberType = typeof(ManifestTests))]
    public async Task A_host_image_declares_its_user_port_and_health_and_starts_answering_alive(string overlay)
    {
        foreach (var timing in images.Timings)
        {
            output.WriteLine(timing);
        }
        var host = DeployedHost.Named(overlay);
        var image = images.Images[host.Project];

        var config = await images.Podman.ConfigOfAsync(image);
        Assert.Equal(host.Project.User, config.GetProperty("User").GetString());
        Assert.Equal([$"{host.Project.Ports.Single()}/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        var labels = config.GetProperty("Labels");
        Assert.Equal(host.Project.LivenessPath, labels.GetProperty(Hosts.HostProject.LivenessLabel).GetString());
        Assert.Equal(host.Project.ReadinessPath, labels.GetProperty(Hosts.HostProject.ReadinessLabel).GetString());

        var port = FreePort.Next();
        var environment = host.LocalEnvironment("/tmp");
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        var container = await images.Podman.StartAsync(image, environment);
        try
        {
            var started = DateTime.UtcNow;
            HttpStatusCode? status = null;
            while (status != HttpStatusCode.OK && DateTime.UtcNow - started < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await Http.GetAsync($"http://127.0.0.1:{port}{host.Project.LivenessPath}");
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }
            output.WriteLine($"{overlay}: {host.Project.LivenessPath} answered {status} after {(DateTime.UtcNow - started).TotalSeconds:F1} s");
            Assert.True(status == HttpStatusCode.OK, $"{image} did not answer {host.Project.LivenessPath}:\n{await images.Podman.LogsAsync(container)}");

            // The process inside is the image's user, not root.
            var user = (await images.Podman.RunAsync("exec", container, "id", "-u")).Trim();
            Assert.Equal(host.Project.User, user);
        }
        finally
        {
            await images.Podman.RemoveAsync(container);
        }
    }
}
