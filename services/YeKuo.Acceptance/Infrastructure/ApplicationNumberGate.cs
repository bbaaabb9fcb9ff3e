namespace YeKuo.Acceptance.Infrastructure;

/// <summary>
/// Serialises "read the day's last number, insert the next" within this process, so concurrent submissions do not
/// all race for the same daily number. Replicas sharing one SQL Server database still can collide; the unique index
/// catches that and the submission retries with the next number.
/// </summary>
public sealed class ApplicationNumberGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
