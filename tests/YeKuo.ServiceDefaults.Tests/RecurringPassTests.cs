using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using YeKuo.ServiceDefaults.Hosting;

namespace YeKuo.ServiceDefaults.Tests;

/// <summary>When a <see cref="RecurringPass"/> runs, on a fake clock that says each time the pass starts waiting on it.</summary>
public sealed class RecurringPassTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_first_pass_comes_its_own_delay_after_start_and_the_next_ones_an_interval_apart()
    {
        var clock = new WatchedClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));
        using var pass = new CountingPass(clock, firstPassAfter: TimeSpan.FromMinutes(5), interval: TimeSpan.FromHours(1));
        await pass.StartAsync(CancellationToken.None);

        await clock.NextWaitAsync();
        clock.Fake.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, pass.Passes);

        clock.Fake.Advance(TimeSpan.FromMinutes(1));
        await clock.NextWaitAsync();
        Assert.Equal(1, pass.Passes);

        clock.Fake.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, pass.Passes);
        clock.Fake.Advance(TimeSpan.FromMinutes(1));
        await clock.NextWaitAsync();
        Assert.Equal(2, pass.Passes);

        await pass.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_first_delay_the_first_pass_runs_at_start()
    {
        var clock = new WatchedClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));
        using var pass = new CountingPass(clock, firstPassAfter: TimeSpan.Zero, interval: TimeSpan.FromHours(1));
        await pass.StartAsync(CancellationToken.None);

        // The wait that follows a pass: the first one ran without the clock moving.
        await clock.NextWaitAsync();
        Assert.Equal(1, pass.Passes);

        await pass.StopAsync(CancellationToken.None);
    }

    private sealed class CountingPass(TimeProvider clock, TimeSpan firstPassAfter, TimeSpan interval)
        : RecurringPass(clock, NullLogger.Instance)
    {
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        protected override TimeSpan Interval => interval;

        protected override TimeSpan FirstPassAfter => firstPassAfter;

        protected override string PassName => "counting pass";

        protected override Task RunPassAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _passes);
            return Task.CompletedTask;
        }
    }

    /// <summary>The fake clock, counting the timers made on it (a <c>Task.Delay</c> on a clock makes one).</summary>
    private sealed class WatchedClock(FakeTimeProvider fake) : TimeProvider
    {
        private readonly SemaphoreSlim _waits = new(0);

        public FakeTimeProvider Fake => fake;

        /// <summary>Waits until the pass has started its next wait on this clock.</summary>
        public async Task NextWaitAsync()
        {
            Assert.True(await _waits.WaitAsync(WaitLimit), "the pass did not start waiting on the clock");
        }

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = fake.CreateTimer(callback, state, dueTime, period);
            _waits.Release();
            return timer;
        }
    }
}
