namespace YeKuo.Messaging.Audit;

/// <summary>
/// One state-changing HTTP request (POST, PUT, PATCH, DELETE) to this service, accepted or refused: who, in which role,
/// did what to which resource, when, under which request and trace id, what the service answered, and the domain
/// status of the target before and after. Never a request body: no identity number, phone or free text lands here.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Insertion order (ties of <see cref="OccurredAt"/> are ordered by it).</summary>
    public long Id { get; set; }

    /// <summary>When the request arrived (UTC, the service's clock).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The token's subject (claim <c>sub</c>).</summary>
    public required string Subject { get; set; }

    /// <summary>The token's role claim(s), comma-separated.</summary>
    public string? Role { get; set; }

    /// <summary>The token's department claim (staff and heads).</summary>
    public string? Department { get; set; }

    public required string Method { get; set; }

    /// <summary>The endpoint's route template, e.g. <c>/api/inspection/work-items/{id}/complete</c> (never the raw path).</summary>
    public required string Route { get; set; }

    /// <summary>The resource acted on (work item, application, notice, ...), when known.</summary>
    public Guid? TargetId { get; set; }

    /// <summary>The application the target belongs to, when known (so one query finds everything done to an application).</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary><c>X-Request-Id</c> (set by the gateway) or, without one, the server's request identifier.</summary>
    public required string RequestId { get; set; }

    public string? TraceId { get; set; }

    /// <summary>The HTTP status answered; null only while the request is still running (or if the service stopped before answering).</summary>
    public int? StatusCode { get; set; }

    /// <summary>The target's domain status before the request (e.g. <c>Open</c>), when the endpoint reported it.</summary>
    public string? StatusBefore { get; set; }

    /// <summary>The target's domain status after the request (e.g. <c>Completed</c>); equal to <see cref="StatusBefore"/> when nothing was changed.</summary>
    public string? StatusAfter { get; set; }
}
