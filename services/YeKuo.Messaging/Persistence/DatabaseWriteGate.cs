namespace YeKuo.Messaging.Persistence;

/// <summary>
/// The writers of one SQLite database queue here, in the process, one at a time and first come first served, instead of
/// meeting at SQLite's write lock: there a writer that finds the lock taken sleeps in the busy handler (1, 2, 5 … 100 ms
/// steps) and may oversleep the commit it waits for by tens of milliseconds, while here it is handed the turn the moment
/// the previous commit returns. Every <c>SaveChanges</c> of a <see cref="ServiceDbContext"/> and the outbox ledger's
/// stamps take their turn here. Other processes (a backup, a second replica) still meet SQLite's lock and its
/// <c>busy_timeout</c>. SQL Server has row locks and no such queue.
/// </summary>
public sealed class DatabaseWriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this database's write turn; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public Turn Enter()
    {
        _turn.Wait();
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
