using System.Diagnostics;
using System.Text.Json;
using YeKuo.Testing;

namespace YeKuo.AppHost.Tests;

/// <summary>The publish manifest in the repository (what a deployment starts from) is the one the graph generates.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_committed_publish_manifest_is_what_the_graph_generates()
    {
        var apphost = Path.Combine(RepositoryRoot.Find(), "apphost");
        var committed = Path.Combine(apphost, "aspire-manifest.json");
        // Generated beside the committed one: paths in a manifest are relative to its own folder.
        var generated = Path.Combine(apphost, $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "YeKuo.AppHost.dll"), "--publisher", "manifest", "--output-path", generated },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            Assert.True(process.ExitCode == 0, $"manifest publishing failed ({process.ExitCode}):\n{await output}\n{await error}");

            var expected = JsonDocument.Parse(await File.ReadAllTextAsync(committed)).RootElement.GetRawText();
            var actual = JsonDocument.Parse(await File.ReadAllTextAsync(generated)).RootElement.GetRawText();
            Assert.True(expected == actual, "apphost/aspire-manifest.json is not what the graph generates: run eng/publish-manifest.sh and commit it.");

            using var manifest = JsonDocument.Parse(actual);
            var resources = manifest.RootElement.GetProperty("resources");
            foreach (var service in new[] { "acceptance", "supplyscheme", "inspection", "metering", "notification", "gateway", "web" })
            {
                Assert.Equal("project.v0", resources.GetProperty(service).GetProperty("type").GetString());
            }
            foreach (var secret in new[] { "messaging", "cache", "acceptancedb", "jwt-signing-key" })
            {
                Assert.Equal("parameter.v0", resources.GetProperty(secret).GetProperty("type").GetString());
            }
        }
        finally
        {
            File.Delete(generated);
        }
    }
}
