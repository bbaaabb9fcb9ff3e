using Microsoft.EntityFrameworkCore;

namespace YeKuo.Messaging.Audit;

/// <summary>
/// The audit row of one request while it runs (an HttpContext feature set by <see cref="AuditMiddleware"/>). The
/// endpoint fills in target and statuses; <see cref="AuditSaveInterceptor"/> adds the row to the request's first
/// <c>SaveChanges</c>, so a committed state change and its audit row commit together.
/// </summary>
public sealed class AuditRecord : IAuditScope
{
    private DbContext? _savingIn;

    internal AuditRecord(AuditEntry entry) => Entry = entry;

    internal AuditEntry Entry { get; }

    /// <summary>False once the request has finished: later saves (the recorder's own) do not take the row along.</summary>
    internal bool IsOpen { get; private set; } = true;

    /// <summary>The row committed with a state change of this request.</summary>
    internal bool Committed { get; private set; }

    public IAuditScope Target(Guid id, Guid? applicationId = null)
    {
        Entry.TargetId = id;
        Entry.ApplicationId = applicationId ?? Entry.ApplicationId;
        return this;
    }

    public IAuditScope Before(string? status)
    {
        Entry.StatusBefore ??= Truncate(status);
        return this;
    }

    public IAuditScope After(string? status)
    {
        Entry.StatusAfter = Truncate(status);
        return this;
    }

    /// <summary>The row still waits for a save of this request to take it along.</summary>
    internal bool CanJoin => IsOpen && !Committed;

    internal void SavingIn(DbContext context) => _savingIn = context;

    internal void Saved(DbContext context)
    {
        if (ReferenceEquals(_savingIn, context))
        {
            Committed = true;
            _savingIn = null;
        }
    }

    internal void Close() => IsOpen = false;

    private static string? Truncate(string? status) => status is { Length: > 32 } ? status[..32] : status;
}
