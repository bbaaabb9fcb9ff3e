using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace YeKuo.Workflow.Hosting;

/// <summary>Who is acting: the authenticated principal's name.</summary>
public static class CurrentUser
{
    public static string NameOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name ?? "unknown"
            : context.Request.Headers["X-User"].FirstOrDefault() is { Length: > 0 and <= 64 } user ? user : "anonymous";
}
