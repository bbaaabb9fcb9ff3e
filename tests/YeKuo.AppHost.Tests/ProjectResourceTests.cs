using System.Net;
using Xunit.Abstractions;
using YeKuo.Hosting;

namespace YeKuo.AppHost.Tests;

/// <summary>A real web app run as a project resource: environment, kill, restart, graceful stop, early exit.</summary>
public sealed class ProjectResourceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempStateDirectory _state = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _state.Dispose();
    }

    private async Task<string> GetAsync(Uri baseUri, string path)
    {
        using var response = await _http.GetAsync(new Uri(baseUri, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Project_gets_Aspire_environment_survives_SIGKILL_and_restart_on_the_same_port()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        var db = builder.AddSqlite("sampledb");
        var upstream = builder.AddProject("upstream", TestSupport.SampleProject);
        var sample = builder.AddProject("sample", TestSupport.SampleProject)
            .WithReference(db).WithReference(upstream).WaitFor(upstream)
            .WithEnvironment("K", "V");
        await using var app = builder.Build();
        await app.StartAsync();

        var endpoint = app.GetEndpoint("sample");
        Assert.Equal("Healthy", await GetAsync(endpoint, "/health"));
        Assert.Equal("V", await GetAsync(endpoint, "/env/K"));
        Assert.Equal($"Data Source={Path.Combine(_state.Path, "sample.db")}", await GetAsync(endpoint, "/connectionstring/sampledb"));
        Assert.Equal(app.GetEndpoint("upstream").ToString().TrimEnd('/'), await GetAsync(endpoint, "/env/services__upstream__http__0"));
        Assert.Equal($"http://127.0.0.1:{endpoint.Port}", await GetAsync(endpoint, "/env/ASPNETCORE_URLS"));
        Assert.Equal("sample", await GetAsync(endpoint, "/env/OTEL_SERVICE_NAME"));
        Assert.StartsWith("service.instance.id=", await GetAsync(endpoint, "/env/OTEL_RESOURCE_ATTRIBUTES"), StringComparison.Ordinal);
        Assert.Equal("Development", await GetAsync(endpoint, "/env/DOTNET_ENVIRONMENT"));
        var firstPid = int.Parse(await GetAsync(endpoint, "/pid"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(sample.Resource.ProcessId, firstPid); // dotnet runs the app in-process: the pid we track is the app's

        await app.KillAsync("sample");
        Assert.False(OrchestratorProcesses.IsAlive(firstPid));
        Assert.Equal(ResourceState.Exited, sample.Resource.State);
        Assert.Equal(137, sample.Resource.ExitCode); // 128 + SIGKILL
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetAsync(new Uri(endpoint, "/health")));

        await app.StartResourceAsync("sample");
        Assert.Equal(ResourceState.Running, sample.Resource.State);
        Assert.Equal(endpoint, app.GetEndpoint("sample"));
        Assert.Equal("Healthy", await GetAsync(endpoint, "/health"));
        Assert.Equal("V", await GetAsync(endpoint, "/env/K"));
        Assert.NotEqual(firstPid, sample.Resource.ProcessId);
        Assert.Contains(app.GetResourceSnapshots(), s => s is { Name: "sample", State: ResourceState.Running } && s.ProcessId == sample.Resource.ProcessId);

        var table = app.FormatResourceTable();
        output.WriteLine(table);
        Assert.Contains($"{sample.Resource.ProcessId}", table, StringComparison.Ordinal);
        Assert.Contains(endpoint.ToString().TrimEnd('/'), table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopResource_is_graceful_and_app_stop_leaves_nothing()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        var sample = builder.AddProject("sample", TestSupport.SampleProject);
        var app = builder.Build();
        int pid;
        await using (app)
        {
            await app.StartAsync();
            pid = sample.Resource.ProcessId!.Value;
            await app.StopResourceAsync("sample");
            Assert.Equal(ResourceState.Stopped, sample.Resource.State);
            Assert.Equal(0, sample.Resource.ExitCode);
            Assert.Contains("sample: stopping gracefully", app.GetLogs("sample"));
            Assert.False(OrchestratorProcesses.IsAlive(pid));

            await app.StartResourceAsync("sample");
            pid = sample.Resource.ProcessId!.Value;
        }
        Assert.False(OrchestratorProcesses.IsAlive(pid));
        Assert.Empty(OrchestratorProcesses.FindByStateDirectory(_state.Path));
    }

    [Fact]
    public async Task Early_exit_fails_start_with_the_last_output_lines()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        builder.AddProject("sample", TestSupport.SampleProject).WithEnvironment("SAMPLE_CRASH_AT_START", "no database");
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("sample: crashing on purpose: no database", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.FailedToStart, app.GetResourceSnapshots().Single().State);
    }

    [Fact]
    public async Task Missing_build_output_is_reported()
    {
        var builder = TestSupport.CreateBuilder(output, _state.Path);
        builder.AddProject("ghost", "services/YeKuo.Ghost/YeKuo.Ghost.csproj");
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());
        Assert.Contains("YeKuo.Ghost.dll does not exist", error.Message, StringComparison.Ordinal);
    }
}
