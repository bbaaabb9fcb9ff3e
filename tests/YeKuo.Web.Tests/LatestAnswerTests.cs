using YeKuo.Web.Api;

namespace YeKuo.Web.Tests;

/// <summary>A page's first load and a form's load racing: the answer the user asked for last is the one shown.</summary>
public sealed class LatestAnswerTests
{
    [Fact]
    public async Task A_first_load_answering_after_the_submitted_one_is_dropped_and_its_request_cancelled()
    {
        var loads = new LatestAnswer();
        var firstAnswer = new TaskCompletionSource<ApiResult<string>>();
        CancellationToken firstToken = default;
        var first = loads.LoadAsync(token =>
        {
            firstToken = token;
            return firstAnswer.Task;
        });

        var submitted = await loads.LoadAsync(Answers("generated"));
        firstAnswer.SetResult(ApiResult<string>.Success("stored"));

        Assert.Equal("generated", submitted?.Value);
        Assert.True(firstToken.IsCancellationRequested);
        Assert.Null(await first);
    }

    [Fact]
    public async Task A_load_cancelled_by_the_next_one_is_dropped_rather_than_shown_as_a_failure()
    {
        var loads = new LatestAnswer();
        var first = loads.LoadAsync(NeverAnswersAsync);

        var second = await loads.LoadAsync(Answers("shown"));

        Assert.Null(await first);
        Assert.Equal("shown", second?.Value);
    }

    [Fact]
    public async Task A_superseded_load_that_fails_as_it_is_cancelled_is_dropped_not_thrown()
    {
        var loads = new LatestAnswer();
        var first = loads.LoadAsync<string>(async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new HttpRequestException("The connection was reset as the request was cancelled.");
        });

        var second = await loads.LoadAsync(Answers("shown"));

        Assert.Null(await first);
        Assert.Equal("shown", second?.Value);
    }

    [Fact]
    public async Task Leaving_the_page_cancels_the_load_on_its_way()
    {
        var loads = new LatestAnswer();
        var pending = loads.LoadAsync(NeverAnswersAsync);

        loads.Dispose();

        Assert.Null(await pending);
    }

    [Fact]
    public async Task Loads_one_after_another_each_show_their_answer()
    {
        var loads = new LatestAnswer();

        Assert.Equal("a", (await loads.LoadAsync(Answers("a")))?.Value);
        Assert.Equal("b", (await loads.LoadAsync(Answers("b")))?.Value);
    }

    /// <summary>A load answered at once with <paramref name="value"/>.</summary>
    private static Func<CancellationToken, Task<ApiResult<string>>> Answers(string value) =>
        _ => Task.FromResult(ApiResult<string>.Success(value));

    /// <summary>A load whose answer never comes: it ends only by its token.</summary>
    private static async Task<ApiResult<string>> NeverAnswersAsync(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        return ApiResult<string>.Success("never");
    }
}
