using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// A query of the request and handoff paths compiled once per model (<see cref="EF.CompileAsyncQuery{TContext,TResult}(System.Linq.Expressions.Expression{Func{TContext,CancellationToken,Task{TResult}}})"/>):
/// a LINQ query made on each call pays EF Core's expression walk and cache-key lookup every time (≈ 3 % of the
/// machine's CPU in the e2e bench, 2026-12-07). Kept per model rather than per context type, because a compiled query
/// refuses a context of another model and a query written against a base context (e.g. every department's work
/// items) meets several models in one process (tests host several departments).
/// </summary>
public sealed class ModelQuery<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        var model = db.Model;
        return _compiled.TryGetValue(model, out var query) ? query : _compiled.GetValue(model, _ => compile());
    }
}
