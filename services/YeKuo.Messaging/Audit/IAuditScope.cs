using Microsoft.AspNetCore.Http;

namespace YeKuo.Messaging.Audit;

/// <summary>
/// What an endpoint tells the audit about the request it is handling (<c>http.Audit()</c>): the resource it acts on and
/// its domain status before and after. Everything else (who, route, status code, ids) the recorder takes itself.
/// </summary>
public interface IAuditScope
{
    /// <summary>The resource acted on and, when known, its application. The last call wins.</summary>
    IAuditScope Target(Guid id, Guid? applicationId = null);

    /// <summary>The target's status before the change. The first call wins (the earliest observation).</summary>
    IAuditScope Before(string? status);

    /// <summary>The target's status after the change; call it before <c>SaveChanges</c> so the committed row carries it. The last call wins.</summary>
    IAuditScope After(string? status);
}

public static class AuditHttpContextExtensions
{
    /// <summary>This request's audit scope; a no-op outside an audited request (GET, a host without audit, a test's own HttpContext).</summary>
    public static IAuditScope Audit(this HttpContext http) =>
        http.Features.Get<AuditRecord>() ?? (IAuditScope)NullAuditScope.Instance;

    private sealed class NullAuditScope : IAuditScope
    {
        public static readonly NullAuditScope Instance = new();

        public IAuditScope Target(Guid id, Guid? applicationId = null) => this;

        public IAuditScope Before(string? status) => this;

        public IAuditScope After(string? status) => this;
    }
}
