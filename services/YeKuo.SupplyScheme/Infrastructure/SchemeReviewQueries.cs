using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;
using YeKuo.SupplyScheme.Domain;

namespace YeKuo.SupplyScheme.Infrastructure;

/// <summary>The scheme review lookups of every review request (each department's opinion, the meeting, the round's scheme), compiled once per model.</summary>
public static class SchemeReviewQueries
{
    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, CancellationToken, Task<SchemeReview?>>> TrackedById = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid id, CancellationToken _) => db.SchemeReviews.FirstOrDefault(r => r.Id == id)));

    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, CancellationToken, Task<SchemeReview?>>> OfRoundQuery = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid schemeReplyWorkItemId, CancellationToken _) =>
            db.SchemeReviews.AsNoTracking().FirstOrDefault(r => r.SchemeReplyWorkItemId == schemeReplyWorkItemId)));

    private static readonly ModelQuery<Func<SupplySchemeDbContext, Guid, int, IAsyncEnumerable<SchemeReview>>> RevisionsQuery = new(() =>
        EF.CompileAsyncQuery((SupplySchemeDbContext db, Guid applicationId, int revision) =>
            db.SchemeReviews.AsNoTracking().Where(r => r.ApplicationId == applicationId && (r.Revision == revision || r.Revision == revision - 1))));

    /// <summary>The review, tracked (to take an opinion or a decision); null when there is none.</summary>
    public static Task<SchemeReview?> FindAsync(SupplySchemeDbContext db, Guid id, CancellationToken cancellationToken) =>
        TrackedById.For(db)(db, id, cancellationToken);

    /// <summary>The review of a 方案答复 round's draft (not tracked), or null before its draft.</summary>
    public static Task<SchemeReview?> OfRoundAsync(SupplySchemeDbContext db, Guid schemeReplyWorkItemId, CancellationToken cancellationToken) =>
        OfRoundQuery.For(db)(db, schemeReplyWorkItemId, cancellationToken);

    /// <summary>The application's reviews of <paramref name="revision"/> and the one before it (not tracked).</summary>
    public static Task<List<SchemeReview>> RevisionAndPreviousAsync(SupplySchemeDbContext db, Guid applicationId, int revision, CancellationToken cancellationToken) =>
        RevisionsQuery.For(db)(db, applicationId, revision).ToListAsync(cancellationToken).AsTask();
}
