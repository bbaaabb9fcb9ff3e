using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using YeKuo.Tests.Support;

namespace YeKuo.Security.Tests.Infrastructure;

/// <summary>
/// A department service in-process as production runs it: a non-Development environment, the real RabbitMQ transport
/// with its own broker user, its own SQLite file, the tests' signing key.
/// </summary>
public sealed class ServiceOnBroker<TProgram>(string service, string environment, IReadOnlyDictionary<string, string?> settings)
    : WebApplicationFactory<TProgram> where TProgram : class
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"yekuo-{service}-broker-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting($"ConnectionStrings:{service}db", $"Data Source={_database}");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Jwt:Issuer", TestTokens.Issuer);
        builder.UseSetting("Jwt:Audience", TestTokens.Audience);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientAs(string subject, string role, string? department = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.Create(subject, role, department));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
