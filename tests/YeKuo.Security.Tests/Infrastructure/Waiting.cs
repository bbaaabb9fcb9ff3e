namespace YeKuo.Security.Tests.Infrastructure;

/// <summary>Polls a condition until it holds, failing the test with what was awaited when it does not in time.</summary>
public static class Waiting
{
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(condition, () => what, timeout, interval);

    /// <param name="what">Read only on a timeout, so it can describe the state at that moment (e.g. the broker's refusals).</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what()}.");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
