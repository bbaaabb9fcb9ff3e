using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>
/// Switches that must never be on outside a developer's machine and the tests (which run as Development): the host
/// refuses to start in any other environment (Staging, a test stage, a misspelt Production) rather than serve with them.
/// </summary>
public static class DevelopmentOnly
{
    /// <summary>Whether <paramref name="key"/> is on; throws when it is on outside Development.</summary>
    /// <param name="risk">What anyone could do if it were on (the error message says it).</param>
    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment, string key, string risk)
    {
        if (!configuration.GetValue<bool>(key))
        {
            return false;
        }
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{key} is on in the {environment.EnvironmentName} environment: it is allowed in Development only ({risk}).");
        }
        return true;
    }
}
