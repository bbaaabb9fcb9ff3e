using YeKuo.Contracts;
using YeKuo.Notification.Domain;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Notification.Tests;

/// <summary>The complaint's state rules and its due from the policy data (no host, no database).</summary>
public sealed class ComplaintRulesTests
{
    private static readonly DateTimeOffset Friday = new(2026, 2, 13, 2, 0, 0, TimeSpan.Zero);

    private static Complaint New(Step? step = null) => Complaint.Record(
        new KnownApplication(Guid.NewGuid(), "YK20260213000001", "cust-1"), ComplaintCategory.Timeliness, step, "  太慢了  ", "cust-1",
        ServiceDeadline.For(ServiceTask.ComplaintHandling, Friday, TimeLimitPolicyBook.LoadDefault(), WorkingDayCalendar.LoadDefault()), Friday);

    [Theory]
    [InlineData(null, Department.Notification)]
    [InlineData(Step.Acceptance, Department.Acceptance)]
    [InlineData(Step.SiteSurvey, Department.SupplyScheme)]
    [InlineData(Step.SchemeConfirmation, Department.SupplyScheme)]
    [InlineData(Step.DesignSubmission, Department.Inspection)]
    [InlineData(Step.CompletionAcceptance, Department.Inspection)]
    [InlineData(Step.PowerConnection, Department.Metering)]
    public void The_owner_is_the_department_hosting_the_step_complained_about_or_customer_service(Step? step, Department owner) =>
        Assert.Equal(owner, Complaint.OwnerFor(step));

    [Fact]
    public void The_due_is_the_policy_limit_in_working_days_from_recording_across_the_spring_festival()
    {
        var complaint = New();

        Assert.Equal(("YK-TL-2024", 5), (complaint.PolicyVersion, complaint.LimitWorkingDays));
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 16, 0, 0, TimeSpan.Zero), complaint.DueAt);
        Assert.Equal("太慢了", complaint.Text);
    }

    [Fact]
    public void The_due_follows_the_policy_data_not_a_constant()
    {
        var book = TimeLimitPolicyBook.LoadDefault();
        var current = book.Policies[^1];
        var longer = new TimeLimitPolicy("YK-TL-TEST", "longer complaint limit", new DateOnly(2026, 1, 1), null,
            current.Profiles, current.Profiles.SelectMany(p => p.Steps.Select(s => current.LimitFor(p.Class, s))), current.Kinds,
            [new ServiceTimeLimit(ServiceTask.ComplaintHandling, 10, IsDefault: true, "test")]);

        var due = ServiceDeadline.For(ServiceTask.ComplaintHandling, Friday, new TimeLimitPolicyBook([.. book.Policies, longer]), WorkingDayCalendar.LoadDefault());

        // 10 working days from Fri 02-13: 02-14 (调休), 02-24..02-27, 02-28 (调休), 03-02..03-05.
        Assert.Equal(("YK-TL-TEST", 10, new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero)), (due.PolicyVersion, due.LimitWorkingDays, due.DueAt));
        // A document without the task keeps the earlier one's limit.
        Assert.Equal("YK-TL-2024", ServiceDeadline.For(ServiceTask.FollowUpVisit, Friday, new TimeLimitPolicyBook([.. book.Policies, longer]), WorkingDayCalendar.LoadDefault()).PolicyVersion);
    }

    [Fact]
    public void A_complaint_goes_received_assigned_replied_closed_and_is_overdue_only_while_open_past_its_due()
    {
        var complaint = New();
        var late = complaint.DueAt.AddSeconds(1);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.False(complaint.IsOverdueAt(complaint.DueAt));
        Assert.True(complaint.IsOverdueAt(late));

        complaint.Claim("staff-1", Friday.AddHours(1));
        Assert.Equal((ComplaintStatus.Assigned, "staff-1"), (complaint.Status, complaint.Handler));
        complaint.Answer("已处理", "staff-2", Friday.AddHours(2));
        Assert.Equal((ComplaintStatus.Replied, "staff-1", "staff-2"), (complaint.Status, complaint.Handler, complaint.RepliedBy));
        Assert.True(complaint.IsOverdueAt(late));
        complaint.Close("整改", "问责", "head-1", late);

        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.False(complaint.IsOverdueAt(late.AddDays(30)));
        Assert.Equal(
            new[] { ComplaintActionKind.Recorded, ComplaintActionKind.Claimed, ComplaintActionKind.Replied, ComplaintActionKind.Closed },
            complaint.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void Out_of_order_actions_are_refused()
    {
        var complaint = New();
        Assert.Throws<ComplaintRuleException>(() => complaint.Close("整改", "问责", "head-1", Friday));
        complaint.Claim("staff-1", Friday);
        Assert.Throws<ComplaintRuleException>(() => complaint.Claim("staff-2", Friday));
        Assert.Throws<ComplaintRuleException>(() => complaint.Reassign(Department.Notification, "同一部门", "head-1", Friday));
        Assert.Throws<ArgumentException>(() => complaint.Reassign(Department.Customer, "客户", "head-1", Friday));
        Assert.Throws<ArgumentException>(() => complaint.Reassign(Department.Metering, " ", "head-1", Friday));
        complaint.Answer("答复", "staff-1", Friday);
        Assert.Throws<ComplaintRuleException>(() => complaint.Answer("再答复", "staff-1", Friday));
        Assert.Throws<ComplaintRuleException>(() => complaint.Reassign(Department.Metering, "转计量", "head-1", Friday));
        Assert.Throws<ArgumentException>(() => complaint.Close("整改", "", "head-1", Friday));
        complaint.Close("整改", "问责", "head-1", Friday);
        Assert.Throws<ComplaintRuleException>(() => complaint.Close("整改", "问责", "head-1", Friday));
    }

    [Fact]
    public void A_reassignment_moves_the_owner_clears_the_handler_keeps_the_due_and_records_the_reason()
    {
        var complaint = New(Step.SchemeReply);
        var due = complaint.DueAt;
        complaint.Claim("staff-s", Friday);

        complaint.Reassign(Department.Metering, "实为收费问题", "head-s", Friday.AddHours(3));

        Assert.Equal((Department.Metering, ComplaintStatus.Received, (string?)null, due),
            (complaint.OwnerDepartment, complaint.Status, complaint.Handler, complaint.DueAt));
        var action = complaint.Actions[^1];
        Assert.Equal((ComplaintActionKind.Reassigned, "head-s", Department.Metering, "实为收费问题"), (action.Kind, action.Actor, action.Department, action.Note));
    }
}
