using Microsoft.Extensions.Hosting;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>
/// What a host requires of its broker and cache credentials outside Development (docs/security.md, "Production"):
/// the broker's default <c>guest</c> account (an administrator wherever <c>loopback_users = none</c>) or no password,
/// and a Redis without a password, stop the host at start rather than run with them. Local runs (Development) keep the
/// AppHost's guest broker and password-less Redis.
/// </summary>
public static class InfrastructureCredentials
{
    /// <summary>The broker's built-in account; what a URI without credentials logs in as.</summary>
    public const string BrokerGuest = "guest";

    /// <summary>Throws outside Development when the broker login is <c>guest</c> or has no password.</summary>
    /// <param name="setting">The setting that holds the URI, named in the error.</param>
    public static void RequireBrokerCredentials(string user, string password, IHostEnvironment environment, string setting)
    {
        if (environment.IsDevelopment())
        {
            return;
        }
        if (string.IsNullOrEmpty(user) || string.Equals(user, BrokerGuest, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{setting} logs in to the broker as '{BrokerGuest}' in the {environment.EnvironmentName} environment: give the service its own broker user (amqp[s]://<user>:<password>@host/yekuo, see eng/rabbitmq/provision-broker.sh). Only Development may use guest.");
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"{setting} names broker user '{user}' without a password in the {environment.EnvironmentName} environment. Only Development may run without one.");
        }
    }

    /// <summary>
    /// Throws outside Development when a StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>)
    /// has no password.
    /// </summary>
    public static void RequireCachePassword(string configuration, IHostEnvironment environment, string setting)
    {
        if (environment.IsDevelopment() || HasCachePassword(configuration))
        {
            return;
        }
        throw new InvalidOperationException(
            $"{setting} has no password in the {environment.EnvironmentName} environment: Redis requires one outside Development (host:port,password=…[,user=…][,ssl=true]).");
    }

    /// <summary>Whether the configuration string sets a non-empty <c>password=</c> option.</summary>
    public static bool HasCachePassword(string configuration) =>
        configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(option => option.StartsWith("password=", StringComparison.OrdinalIgnoreCase) && option.Length > "password=".Length);
}
