using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;

namespace YeKuo.Gateway.Security;

/// <summary>
/// <c>POST /auth/dev-token</c>: signs a token for any subject, role and department, for local runs and tests only. The
/// gateway refuses to start with it on in any environment but Development, so a misconfigured deployment fails loudly
/// instead of handing out admin tokens.
/// </summary>
public static class DevTokenIssuer
{
    public const string EnabledKey = "DevTokens:Enabled";

    public sealed record DevTokenRequest(string? Subject, string? Role, string? Department, string? Name);

    public sealed record DevTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public static bool IsEnabled(WebApplicationBuilder builder) =>
        DevelopmentOnly.IsOn(builder.Configuration, builder.Environment, EnabledKey, "anyone could mint an admin token");

    public static RouteHandlerBuilder MapDevTokenIssuer(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/dev-token", Issue).AllowAnonymous().WithTags("Development");

    public static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest request, IOptions<JwtOptions> options, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 64 || TextRules.SingleLineProblem(request.Subject) is not null)
        {
            errors["subject"] = ["subject is required (1 to 64 characters of one line of visible text)."];
        }
        if (request.Name is { Length: > 0 } named && (named.Length > 64 || TextRules.SingleLineProblem(named) is not null))
        {
            errors["name"] = ["name is at most 64 characters of one line of visible text."];
        }
        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", Roles.All)}."];
        }
        var needsDepartment = request.Role is Roles.Staff or Roles.DepartmentHead;
        if (needsDepartment && (request.Department is null || !Departments.All.Contains(request.Department)))
        {
            errors["department"] = [$"department must be one of {string.Join(", ", Departments.All)} for {request.Role}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Cannot issue a development token.");
        }

        var jwt = options.Value;
        // A token id (jti) per token: sign-out revokes exactly this token (TokenRevocation).
        var claims = new List<Claim>
        {
            new(ClaimNames.Subject, request.Subject!), new(ClaimNames.Role, request.Role!), new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
        };
        if (request.Department is { Length: > 0 } department)
        {
            claims.Add(new Claim(ClaimNames.Department, department));
        }
        if (request.Name is { Length: > 0 and <= 64 } name)
        {
            claims.Add(new Claim(ClaimNames.Name, name));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromHours(8);
        var token = new JwtSecurityToken(
            jwt.Issuer, jwt.Audience, claims, notBefore: now, expires: now + lifetime,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)), SecurityAlgorithms.HmacSha256));
        return TypedResults.Ok(new DevTokenResponse(new JwtSecurityTokenHandler().WriteToken(token), "Bearer", (int)lifetime.TotalSeconds));
    }
}
