using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class WorkItemTests
{
    private static readonly DateTimeOffset Later = WorkItems.OpenedAt.AddHours(5);

    [Fact]
    public void A_new_work_item_without_assignee_is_open_and_unclaimed()
    {
        var item = WorkItems.Open();

        Assert.Equal(WorkItemStatus.Open, item.Status);
        Assert.Null(item.Assignee);
        Assert.Null(item.ClaimedAt);
        Assert.True(item.IsOpen);
        Assert.Equal(WorkItems.OpenedAt, item.OpenedAt);
        Assert.Equal(5, item.LimitWorkingDays);
        Assert.NotEqual(Guid.Empty, item.Version);
    }

    [Fact]
    public void A_new_work_item_with_an_assignee_starts_in_progress_claimed_at_opening()
    {
        var item = WorkItems.Open(assignee: "cust-1");

        Assert.Equal(WorkItemStatus.InProgress, item.Status);
        Assert.Equal("cust-1", item.Assignee);
        Assert.Equal(WorkItems.OpenedAt, item.ClaimedAt);
    }

    [Fact]
    public void Claiming_an_open_item_names_its_owner_and_puts_it_in_progress()
    {
        var item = WorkItems.Open();

        item.Claim("alice", Later);

        Assert.Equal(WorkItemStatus.InProgress, item.Status);
        Assert.Equal("alice", item.Assignee);
        Assert.Equal(Later, item.ClaimedAt);
    }

    [Theory]
    [InlineData(WorkItemStatus.InProgress)]
    [InlineData(WorkItemStatus.Paused)]
    [InlineData(WorkItemStatus.Completed)]
    [InlineData(WorkItemStatus.Cancelled)]
    public void Claiming_is_allowed_only_while_the_item_is_open(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);
        var assignee = item.Assignee;

        Assert.Throws<WorkItemRuleException>(() => item.Claim("bob", Later));
        Assert.Equal(status, item.Status);
        Assert.Equal(assignee, item.Assignee);
    }

    [Fact]
    public void Completing_a_paused_item_is_refused_with_a_hint_to_resume_first()
    {
        var item = WorkItems.InStatus(WorkItemStatus.Paused);

        var error = Assert.Throws<WorkItemRuleException>(() => item.Complete("alice", Later, WorkItems.Passed));

        Assert.Contains("resume", error.Message);
        Assert.Equal(WorkItemStatus.Paused, item.Status);
        Assert.Null(item.CompletedAt);
    }

    [Theory]
    [InlineData(WorkItemStatus.Completed)]
    [InlineData(WorkItemStatus.Cancelled)]
    public void A_closed_item_cannot_be_completed_again(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);

        Assert.Throws<WorkItemRuleException>(() => item.Complete("bob", Later, WorkItems.Passed));
        Assert.Equal(status, item.Status);
    }

    [Fact]
    public void Completing_an_unclaimed_item_records_the_completer_as_owner_and_the_outcome()
    {
        var item = WorkItems.Open();

        item.Complete("alice", Later, WorkItems.Passed);

        Assert.Equal(WorkItemStatus.Completed, item.Status);
        Assert.Equal("alice", item.Assignee);
        Assert.Equal("alice", item.CompletedBy);
        Assert.Equal(Later, item.CompletedAt);
        Assert.Equal(Later, item.ClaimedAt);
        Assert.Equal(WorkItems.Passed, item.Outcome);
        Assert.False(item.IsOpen);
    }

    [Fact]
    public void Completing_keeps_the_claimed_owner_and_records_who_completed()
    {
        var item = WorkItems.InStatus(WorkItemStatus.InProgress);

        item.Complete("bob", Later, WorkItems.Passed);

        Assert.Equal("alice", item.Assignee);
        Assert.Equal("bob", item.CompletedBy);
    }

    [Theory]
    [InlineData(WorkItemStatus.Open)]
    [InlineData(WorkItemStatus.InProgress)]
    [InlineData(WorkItemStatus.Paused)]
    public void Cancelling_an_open_item_closes_it_with_the_reason(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);

        item.Cancel("客户撤回: 项目取消", Later);

        Assert.Equal(WorkItemStatus.Cancelled, item.Status);
        Assert.Equal("客户撤回: 项目取消", item.CancelReason);
        Assert.Equal(Later, item.CompletedAt);
        Assert.False(item.IsOpen);
    }

    [Theory]
    [InlineData(WorkItemStatus.Completed)]
    [InlineData(WorkItemStatus.Cancelled)]
    public void A_closed_item_cannot_be_cancelled(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);

        Assert.Throws<WorkItemRuleException>(() => item.Cancel("again", Later));
        Assert.Equal(status, item.Status);
    }

    [Fact]
    public void Reassigning_an_unclaimed_item_gives_it_an_owner_and_puts_it_in_progress()
    {
        var item = WorkItems.Open();

        item.Reassign("carol", Later);

        Assert.Equal(WorkItemStatus.InProgress, item.Status);
        Assert.Equal("carol", item.Assignee);
        Assert.Equal(Later, item.ClaimedAt);
    }

    [Fact]
    public void Reassigning_a_paused_item_changes_the_owner_but_keeps_it_paused_and_the_first_claim_time()
    {
        var item = WorkItems.InStatus(WorkItemStatus.Paused);
        var claimedAt = item.ClaimedAt;

        item.Reassign("carol", Later);

        Assert.Equal(WorkItemStatus.Paused, item.Status);
        Assert.Equal("carol", item.Assignee);
        Assert.Equal(claimedAt, item.ClaimedAt);
    }

    [Theory]
    [InlineData(WorkItemStatus.Completed)]
    [InlineData(WorkItemStatus.Cancelled)]
    public void A_closed_item_cannot_be_reassigned(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);
        var assignee = item.Assignee;

        Assert.Throws<WorkItemRuleException>(() => item.Reassign("carol", Later));
        Assert.Equal(assignee, item.Assignee);
    }

    [Fact]
    public void Pausing_records_who_why_and_when_and_resuming_moves_the_due_date()
    {
        var item = WorkItems.InStatus(WorkItemStatus.InProgress);
        var newDue = item.DueAt!.Value.AddDays(2);

        item.Pause("联系不上客户", "alice", Later);
        var pause = Assert.Single(item.Pauses);
        Assert.Equal(WorkItemStatus.Paused, item.Status);
        Assert.Equal(("联系不上客户", "alice", Later), (pause.Reason, pause.PausedBy, pause.PausedAt));
        Assert.Null(pause.ResumedAt);

        item.Resume(Later.AddDays(2), newDue);

        Assert.Equal(WorkItemStatus.InProgress, item.Status);
        Assert.Equal(Later.AddDays(2), Assert.Single(item.Pauses).ResumedAt);
        Assert.Equal(newDue, item.DueAt);
    }

    [Fact]
    public void Resuming_an_unclaimed_paused_item_returns_it_to_open()
    {
        var item = WorkItems.Open();
        item.Pause("客户资料不全", "alice", Later);

        item.Resume(Later.AddHours(1), item.DueAt);

        Assert.Equal(WorkItemStatus.Open, item.Status);
    }

    [Theory]
    [InlineData(WorkItemStatus.Open)]
    [InlineData(WorkItemStatus.InProgress)]
    [InlineData(WorkItemStatus.Completed)]
    public void Only_a_paused_item_can_be_resumed(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);

        Assert.Throws<WorkItemRuleException>(() => item.Resume(Later, Later));
    }

    [Theory]
    [InlineData(WorkItemStatus.Paused)]
    [InlineData(WorkItemStatus.Completed)]
    [InlineData(WorkItemStatus.Cancelled)]
    public void Only_an_open_or_in_progress_item_can_be_paused(WorkItemStatus status)
    {
        var item = WorkItems.InStatus(status);
        var pauses = item.Pauses.Count;

        Assert.Throws<WorkItemRuleException>(() => item.Pause("again", "alice", Later));
        Assert.Equal(pauses, item.Pauses.Count);
    }

    public static TheoryData<string> Changes => new() { "claim", "reassign", "pause", "resume", "complete", "cancel" };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_change_renews_the_version_token(string change)
    {
        var item = change == "resume" ? WorkItems.InStatus(WorkItemStatus.Paused) : WorkItems.Open();
        var before = item.Version;

        Action act = change switch
        {
            "claim" => () => item.Claim("alice", Later),
            "reassign" => () => item.Reassign("carol", Later),
            "pause" => () => item.Pause("客户原因", "alice", Later),
            "resume" => () => item.Resume(Later, item.DueAt),
            "complete" => () => item.Complete("alice", Later, WorkItems.Passed),
            "cancel" => () => item.Cancel("withdrawn", Later),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        act();

        Assert.NotEqual(before, item.Version);
        Assert.NotEqual(Guid.Empty, item.Version);
    }

    [Fact]
    public void A_refused_change_leaves_the_version_token_alone()
    {
        var item = WorkItems.InStatus(WorkItemStatus.Completed);
        var before = item.Version;

        Assert.Throws<WorkItemRuleException>(() => item.Claim("bob", Later));

        Assert.Equal(before, item.Version);
    }

    [Fact]
    public void Successive_changes_each_give_a_distinct_version()
    {
        var item = WorkItems.Open();
        var versions = new List<Guid> { item.Version };

        item.Claim("alice", Later);
        versions.Add(item.Version);
        item.Pause("客户原因", "alice", Later);
        versions.Add(item.Version);
        item.Resume(Later.AddHours(1), item.DueAt);
        versions.Add(item.Version);
        item.Complete("alice", Later.AddHours(2), WorkItems.Passed);
        versions.Add(item.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }
}
