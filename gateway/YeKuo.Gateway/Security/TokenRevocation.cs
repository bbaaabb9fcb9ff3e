using System.IdentityModel.Tokens.Jwt;
using JwtRegisteredClaimNames = Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Gateway.Security;

/// <summary>
/// Sign-out that takes effect at once: <c>POST /auth/signout</c> puts the caller's token id (<c>jti</c>) on the
/// revocation list until the token expires, and the gateway refuses every listed token (401) before anything is
/// proxied. A token without an id could not be revoked, so the gateway refuses it too. The list is Redis
/// (<c>ConnectionStrings:cache</c>) so every gateway instance sees a sign-out; only Development may run without it.
/// The services behind the gateway are not reachable from outside and do not look the list up.
/// </summary>
public static partial class TokenRevocation
{
    /// <summary>The same allowance as token validation: a revoked token stays listed until it is refused as expired.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddTokenRevocation(this WebApplicationBuilder builder)
    {
        var cache = builder.Configuration.GetConnectionString("cache");
        if (string.IsNullOrWhiteSpace(cache))
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "ConnectionStrings:cache is not set: the gateway keeps the token revocation list (sign-out) in Redis, shared by every instance. Only Development may run without it.");
            }
            builder.Services.AddSingleton<ITokenRevocationList, InMemoryTokenRevocationList>();
        }
        else
        {
            InfrastructureCredentials.RequireCachePassword(cache, builder.Environment, "ConnectionStrings:cache");
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(cache);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
                options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
                options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
                return ConnectionMultiplexer.Connect(options);
            });
            builder.Services.AddSingleton<ITokenRevocationList, RedisTokenRevocationList>();
        }

        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is { Failure: not null })
                {
                    return;
                }
                await RefuseRevokedAsync(context);
            };
        });
        return builder;
    }

    private static async Task RefuseRevokedAsync(TokenValidatedContext context)
    {
        var tokenId = TokenIdOf(context.SecurityToken);
        if (string.IsNullOrEmpty(tokenId))
        {
            context.Fail("The token has no id (jti), so it could not be revoked: it is not accepted.");
            return;
        }
        var revocations = context.HttpContext.RequestServices.GetRequiredService<ITokenRevocationList>();
        try
        {
            if (await revocations.IsRevokedAsync(tokenId, context.HttpContext.RequestAborted))
            {
                context.Fail("The token was revoked (signed out).");
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Fail closed: a token that may have been signed out is not honoured while the list cannot be read.
            LogUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenRevocation)), ex);
            context.Fail("The token's revocation status cannot be checked now.");
        }
    }

    public static RouteHandlerBuilder MapSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/signout", SignOutAsync).RequireAuthorization(Policies.Authenticated).WithTags("Authentication");

    /// <summary>Revokes the token this request carries (its validated <c>jti</c>), until it expires (<c>exp</c>): 204.</summary>
    public static async Task<NoContent> SignOutAsync(HttpContext http, ITokenRevocationList revocations, CancellationToken cancellationToken)
    {
        var tokenId = http.User.FindFirst(JwtRegisteredClaimNames.Jti)!.Value;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(http.User.FindFirst(JwtRegisteredClaimNames.Exp)!.Value, System.Globalization.CultureInfo.InvariantCulture));
        await revocations.RevokeAsync(tokenId, expiresAt, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? TokenIdOf(Microsoft.IdentityModel.Tokens.SecurityToken token) => token switch
    {
        JsonWebToken json => json.Id,
        JwtSecurityToken jwt => jwt.Id,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The token revocation list cannot be read; refusing tokens until it can")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
