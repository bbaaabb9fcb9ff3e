using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// What happened to each outbox row this process is publishing. A row is <em>claimed</em> while a publish of it is under
/// way (the relay leaves it alone); once the broker has confirmed it, its <c>SentAt</c> (the moment of the confirm) is
/// written together with those of every other row confirmed meanwhile (gathered for
/// <see cref="OutboxRelayOptions.StampGathering"/>): one short write for many rows, each stamped with the instant of its
/// own confirm, never held back by a slower publish. A failed publish records its attempt and backoff.
/// A crash before the stamp is written costs a second publish of the same message id, which receivers discard.
/// </summary>
internal sealed class OutboxLedger<TContext>(
    IServiceScopeFactory scopes, IOptions<OutboxRelayOptions> options, ILogger<OutboxLedger<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    /// <summary>Rows per write; keeps a statement's parameters well below SQL Server's 2,100.</summary>
    private const int MaxBatch = 400;

    private readonly ConcurrentDictionary<long, byte> _claimed = new();
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Claims a row for one publish; false when a publish of it is already under way in this process.</summary>
    public bool TryClaim(long sequence) => _claimed.TryAdd(sequence, 0);

    public bool IsClaimed(long sequence) => _claimed.ContainsKey(sequence);

    /// <summary>Gives a row back without an outcome (the publish right after the commit gave up): the relay takes it over.</summary>
    public void Release(long sequence) => _claimed.TryRemove(sequence, out _);

    public void Sent(long sequence, DateTimeOffset at) => Record(new Outcome(sequence, at, null));

    public void Failed(long sequence, FailedAttempt attempt) => Record(new Outcome(sequence, null, attempt));

    public sealed record FailedAttempt(int Attempts, DateTimeOffset NextAttemptAt, string Error);

    private sealed record Outcome(long Sequence, DateTimeOffset? SentAt, FailedAttempt? Failure);

    private void Record(Outcome outcome)
    {
        if (!_outcomes.Writer.TryWrite(outcome))
        {
            // Stopped: the row stays unsent and is published again after the restart.
            Release(outcome.Sequence);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Outcome>(MaxBatch);
        try
        {
            while (await _outcomes.Reader.WaitToReadAsync(stoppingToken))
            {
                var gathering = options.Value.StampGathering;
                if (gathering > TimeSpan.Zero)
                {
                    await Task.Delay(gathering, stoppingToken);
                }
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: write what is in already, so a clean restart publishes nothing twice.
        _outcomes.Writer.TryComplete();
        await DrainAsync(batch, CancellationToken.None);
    }

    private async Task DrainAsync(List<Outcome> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _outcomes.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            if (batch.Count == 0)
            {
                return;
            }
            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch (Exception ex)
            {
                // The rows stay unsent in the database: the relay publishes them again (same message ids).
                logger.LogWarning(ex, "Recording the outcome of {Count} outbox publishes failed; the relay will publish them again", batch.Count);
            }
            finally
            {
                foreach (var outcome in batch)
                {
                    Release(outcome.Sequence);
                }
            }
        }
    }

    private async Task WriteAsync(List<Outcome> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var sent = batch.Where(o => o.SentAt is not null).ToList();
        var failed = batch.Where(o => o.Failure is not null).ToList();

        if (sent.Count > 0)
        {
            using var turn = await db.WriteTurnAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(StampSentSql(db, sent.Count), StampSentParameters(sent), cancellationToken);
        }
        if (failed.Count > 0)
        {
            var sequences = failed.Select(o => o.Sequence).ToList();
            var rows = await db.OutboxMessages.Where(m => sequences.Contains(m.Sequence) && m.SentAt == null).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var attempt = failed.First(o => o.Sequence == row.Sequence).Failure!;
                row.Attempts = attempt.Attempts;
                row.NextAttemptAt = attempt.NextAttemptAt;
                row.LastError = attempt.Error;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // UPDATE OutboxMessages SET SentAt = CASE Sequence WHEN @s1 THEN @t1 … END WHERE Sequence IN (@s1, …): one statement, each row its own instant.
    private static string StampSentSql(DbContext db, int count)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var sentAt = sql.DelimitIdentifier(entity.FindProperty(nameof(OutboxMessage.SentAt))!.GetColumnName());
        var sequence = sql.DelimitIdentifier(entity.FindProperty(nameof(OutboxMessage.Sequence))!.GetColumnName());
        var cases = string.Concat(Enumerable.Range(0, count).Select(i => $" WHEN {{{2 * i}}} THEN {{{2 * i + 1}}}"));
        var keys = string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{{2 * i}}}"));
        return $"UPDATE {table} SET {sentAt} = CASE {sequence}{cases} END WHERE {sequence} IN ({keys})";
    }

    // Instants are stored as UTC ticks (UtcTicksConverter).
    private static object[] StampSentParameters(List<Outcome> sent) =>
        sent.SelectMany(o => new object[] { o.Sequence, o.SentAt!.Value.UtcTicks }).ToArray();
}
