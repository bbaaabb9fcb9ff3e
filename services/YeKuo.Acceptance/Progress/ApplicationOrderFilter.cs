using MassTransit;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// One message at a time per application in this process, whatever the endpoint: every Acceptance consumer upserts the
/// same application's timeline, and a department's <c>WorkItemOpened</c> and its <c>StepCompleted</c> often arrive
/// within milliseconds on two queues (a clerk completes a step the moment it shows up). Handled side by side, both
/// would insert the work item's timeline entry, one would fail on the key and go round the retry (an exception, a
/// logged error, a 100 ms delay). In turn, each finds what the other committed. Other applications are not held up.
/// A batch of the timeline's takes the turn of every application among its messages.
/// </summary>
public sealed class ApplicationOrderFilter<T>(ApplicationTurns turns) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        // A batch holds the turns of all its applications, taken in ascending order as every holder of several takes
        // them: no two holders wait for each other.
        var held = new List<IDisposable>();
        try
        {
            foreach (var applicationId in ProgressRefreshFilter<T>.ApplicationsOf(context.Message))
            {
                held.Add(await turns.EnterAsync(applicationId, context.CancellationToken));
            }
            await next.Send(context);
        }
        finally
        {
            for (var i = held.Count - 1; i >= 0; i--)
            {
                held[i].Dispose();
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("application-order");
}

/// <summary>A turn per application: one holder at a time, the others wait in line; nothing is kept for idle applications.</summary>
public sealed class ApplicationTurns
{
    private readonly Dictionary<Guid, Turn> _turns = [];

    public async Task<IDisposable> EnterAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (_turns)
        {
            if (!_turns.TryGetValue(applicationId, out turn!))
            {
                turn = new Turn(this, applicationId);
                _turns[applicationId] = turn;
            }
            turn.Waiting++;
        }
        try
        {
            await turn.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            turn.Leave();
            throw;
        }
        return turn.Holder();
    }

    private sealed class Turn(ApplicationTurns owner, Guid applicationId)
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Holders and waiters (under the owner's lock).</summary>
        public int Waiting { get; set; }

        public IDisposable Holder() => new Releaser(this);

        public void Leave()
        {
            lock (owner._turns)
            {
                if (--Waiting == 0)
                {
                    owner._turns.Remove(applicationId);
                }
            }
        }

        private sealed class Releaser(Turn turn) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    turn.Semaphore.Release();
                    turn.Leave();
                }
            }
        }
    }
}
