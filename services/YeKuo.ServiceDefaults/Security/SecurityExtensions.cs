using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace YeKuo.ServiceDefaults.Security;

public static class SecurityExtensions
{
    /// <summary>Largest request body a YeKuo host reads (Kestrel <c>MaxRequestBodySize</c>): bigger bodies get 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Everything a YeKuo host needs to be safe to expose: JWT bearer authentication and the named policies
    /// (<see cref="AddDefaultAuthentication"/>), a request body limit, and malformed bodies (repeated keys included)
    /// answered as 400 ValidationProblems in every environment (not only Development).
    /// </summary>
    public static IHostApplicationBuilder AddDefaultSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // Minimal APIs answer a malformed body with a bare 400 outside Development; throwing lets the exception handler
        // turn it into a ValidationProblem naming the field (ProblemDetailsExceptionHandler).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // {"customerName": "A", "customerName": "B"} is refused, not read as B: a checker and a consumer that pick
        // different copies of a key see different requests.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        return builder;
    }

    /// <summary>
    /// JWT bearer validation from <c>Jwt:*</c> and the named policies every endpoint picks from. Validated at the gateway
    /// and again in every service (defence in depth: a service reached directly trusts nothing).
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        if (jwt.Authority is null && (jwt.SigningKey is null || Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32))
        {
            throw new InvalidOperationException("Set Jwt:Authority (an OIDC provider) or a Jwt:SigningKey of at least 32 bytes.");
        }
        builder.Services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.Section));
        builder.Services.AddSingleton<SecurityMarker>();

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // A client's token is validated once for a while, not on every request (ValidatedTokens).
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new ValidatedTokens(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System));
                options.Authority = jwt.Authority;
                options.RequireHttpsMetadata = jwt.Authority is not null;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    // Pinned: the same key signing with HS512 (or any other algorithm) is not accepted.
                    ValidAlgorithms = jwt.EffectiveAlgorithms,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                    IssuerSigningKey = jwt.SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = RequireOneRole };
            });

        builder.Services.AddAuthorizationBuilder()
            // An endpoint that forgot to name a policy still needs a valid token.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddYeKuoPolicies();
        return builder;
    }

    /// <summary>
    /// A token names exactly one role: every policy and ownership rule reads the caller as one role (a customer who is
    /// also an admin would be both refused and allowed), so two roles, or none, are refused outright (401).
    /// </summary>
    public static Task RequireOneRole(TokenValidatedContext context)
    {
        var roles = context.Principal?.FindAll(ClaimNames.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Count() ?? 0;
        if (roles != 1)
        {
            context.Fail(roles == 0 ? "The token names no role." : "The token names more than one role.");
        }
        return Task.CompletedTask;
    }

    public static AuthorizationBuilder AddYeKuoPolicies(this AuthorizationBuilder authorization)
    {
        // Admins may do everything: every role list below includes them.
        authorization
            .AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Customer, p => p.RequireRole(Roles.Customer, Roles.Admin))
            .AddPolicy(Policies.Applicant, p => p.RequireRole(Roles.Customer, Roles.CounterClerk, Roles.Admin))
            .AddPolicy(Policies.CustomerOrStaff, p => p.RequireRole(Roles.Customer, Roles.CounterClerk, Roles.Staff, Roles.DepartmentHead, Roles.CustomerManager, Roles.Admin))
            .AddPolicy(Policies.DeviationReader, p => p.RequireRole(Roles.Customer, Roles.CounterClerk, Roles.Staff, Roles.DepartmentHead, Roles.CustomerManager, Roles.Platform, Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.CounterClerk, Roles.Staff, Roles.DepartmentHead, Roles.CustomerManager, Roles.Admin))
            .AddPolicy(Policies.InternalReader, p => p.RequireRole(Roles.CounterClerk, Roles.Staff, Roles.DepartmentHead, Roles.CustomerManager, Roles.Platform, Roles.Admin))
            .AddPolicy(Policies.CustomerManager, p => p.RequireRole(Roles.CustomerManager, Roles.DepartmentHead, Roles.Admin))
            .AddPolicy(Policies.DepartmentStaff, p => p.RequireRole(Roles.Staff, Roles.DepartmentHead, Roles.Admin))
            .AddPolicy(Policies.Platform, p => p.RequireRole(Roles.Platform, Roles.Admin))
            .AddPolicy(Policies.Partner, p => p.RequireRole(Roles.Partner, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        foreach (var department in Departments.All)
        {
            authorization.AddPolicy(Policies.StaffOf(department), p => p.RequireAssertion(c => IsStaffOf(c.User, department)));
            authorization.AddPolicy(Policies.HeadOf(department), p => p.RequireAssertion(c => IsHeadOf(c.User, department)));
            // Customers act on their own customer steps; a counter clerk on any customer's, for them (ownership per item).
            authorization.AddPolicy(Policies.StaffOrCustomerOf(department), p => p.RequireAssertion(c =>
                IsStaffOf(c.User, department) || c.User.IsInRole(Roles.Customer) || c.User.IsInRole(Roles.CounterClerk)));
        }
        return authorization;
    }

    /// <summary>Staff, heads (and for 受理 the counter clerks) of this department; admins everywhere.</summary>
    public static bool IsStaffOf(ClaimsPrincipal user, string department) =>
        user.IsInRole(Roles.Admin)
        || ((user.IsInRole(Roles.Staff) || user.IsInRole(Roles.DepartmentHead)) && user.HasClaim(ClaimNames.Department, department))
        || (department == Departments.Acceptance && user.IsInRole(Roles.CounterClerk));

    /// <summary>The head of this department; admins everywhere.</summary>
    public static bool IsHeadOf(ClaimsPrincipal user, string department) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.DepartmentHead) && user.HasClaim(ClaimNames.Department, department));
}

/// <summary>Registered by <see cref="SecurityExtensions.AddDefaultAuthentication"/>: the host authenticates and authorizes.</summary>
public sealed class SecurityMarker;
