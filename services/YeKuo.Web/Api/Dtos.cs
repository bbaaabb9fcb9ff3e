using YeKuo.Contracts.Outcomes;

namespace YeKuo.Web.Api;

// The JSON the services answer with (camelCase), as far as the pages read it. The services own these shapes; the web
// app references no service project, so a renamed field shows up here as a missing value, not a build break. Steps'
// typed outcomes and names come from YeKuo.Contracts (the step catalogue), which the services write them with.

public sealed record ApplicationSummary(
    Guid Id, string Number, string CustomerClass, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt, string? CustomerManager, string? Kind);

public sealed record PauseView(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, string Reason, double Hours);

public sealed record TimelineStep(
    string Step, string StepName, string Department, int Round, string? Assignee, DateTimeOffset? StartedAt, DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, bool? OnTime, StepOutcome? Outcome,
    bool? Judged, bool Overdue, bool Paused, double PausedHours, IReadOnlyList<PauseView>? Pauses,
    string? ActedBy, IReadOnlyList<int>? DueAssumedYears, int? WorkingDays, double? Hours)
{
    public bool IsCustomerStep => ActedBy == "Customer";
}

public sealed record KindView(
    string Kind, string KindName, string? AccountNumber, decimal? CurrentCapacityKva, IReadOnlyList<string>? Changes, string? ChangeDescription,
    DateOnly? TemporaryUntil, DateTimeOffset? TemporaryReminderAt, string? TemporaryEnding, DateTimeOffset? TemporaryEndedAt);

public sealed record AssessmentView(
    string Kind, string? From, string? To, int? LimitWorkingDays, int? ActualWorkingDays, bool? OnTime, IReadOnlyList<string>? Nodes,
    bool IsDefault, string Source);

/// <summary>Where an application waits now: on a department (with its due) or on the customer (customer time, no due).</summary>
public sealed record WaitView(
    string WaitingOn, string? Step, string? StepName, int Round, string? Assignee, DateTimeOffset? Since, int? WorkingDays, double? Hours,
    DateTimeOffset? DueAt, IReadOnlyList<int>? DueAssumedYears, bool CustomerTime, bool Paused, bool Overdue,
    string? Awaiting = null, decimal? AmountDue = null);

public sealed record ApplicationDetails(
    Guid Id, string Number, string CustomerId, string CustomerName, string CustomerClass, string ContactPhone, string Address,
    decimal CapacityKva, decimal VoltageKv, int SourceCount, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt, string? ClosingReason, string? PolicyVersion, string? CustomerManager, IReadOnlyList<string> Plan,
    IReadOnlyList<TimelineStep> Timeline, string? Verdict, DeviationReport? Deviation, KindView? Kind, AssessmentView? Assessment, WaitView? Waiting);

public sealed record ShiftedStep(string Activity, int PlannedEarliestStart, int NewEarliestStart, int Shift);

public sealed record StepDeviation(
    string Activity, string Name, IReadOnlyList<string> Steps, string Department, bool Judged, int PlannedWorkingDays,
    int? ActualWorkingDays, int? Deviation, int EarliestStart, int EarliestFinish, int LatestStart, int LatestFinish, int TotalFloat,
    int FreeFloat, bool Critical, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, double PausedHours, bool? DelaysJob,
    int? JobDelayWorkingDays, bool? MovesSuccessors, IReadOnlyList<ShiftedStep>? ShiftedSuccessors, bool? BecomesCritical, string Reading)
{
    public string State { get; init; } = "notStarted";
    public bool CustomerTime { get; init; }
    public bool Inferred { get; init; }
    public int PlannedTotalFloat { get; init; }
    public int PlannedFreeFloat { get; init; }
    public DateOnly PlannedFinish { get; init; }
    public DateOnly Finish { get; init; }
}

/// <summary>The predicted power-on day: P50 (likely) and P90 (almost surely), with where the durations came from.</summary>
public sealed record PowerOnForecastView(
    DateOnly P50, DateOnly P90, DateOnly Planned, int P50WorkingDaysLeft, int P90WorkingDaysLeft, string Source, int HistoryApplications,
    string Note, DateOnly AsOf, IReadOnlyList<int>? AssumedYears);

public sealed record CustomerWait(string What, string Name, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays, int Round, bool Ongoing, double? Days);

public sealed record DeviationReport(
    Guid ApplicationId, string? PolicyVersion, int PlannedDurationWorkingDays, int ForecastDurationWorkingDays, int JobDelayWorkingDays,
    IReadOnlyList<StepDeviation> Steps, IReadOnlyList<CustomerWait> CustomerWaits, string Method)
{
    public DateOnly StartDate { get; init; }
    public DateOnly StatusDate { get; init; }
    public DateOnly PlannedFinish { get; init; }
    public DateOnly ReplannedFinish { get; init; }
    public IReadOnlyList<string>? CriticalPath { get; init; }
    public PowerOnForecastView? Forecast { get; init; }
}

public sealed record PauseDto(string Reason, string PausedBy, DateTimeOffset PausedAt, DateTimeOffset? ResumedAt);

public sealed record WorkItem(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string Step, string Department, int Round, string Status, string? Assignee,
    DateTimeOffset OpenedAt, DateTimeOffset? ClaimedAt, DateTimeOffset? DueAt, IReadOnlyList<int>? DueAssumedYears, int? LimitWorkingDays, DateTimeOffset? CompletedAt,
    string? CompletedBy, StepOutcome? Outcome, IReadOnlyList<PauseDto>? Pauses, Guid Version)
{
    public bool IsOpen => Status is "Open" or "InProgress" or "Paused";
}

public sealed record SchemeDraft(decimal VoltageKv, int SourceCount, decimal CapacityKva, string MeteringMethod, string Summary);

public sealed record ReviewOpinion(string Department, bool Approve, string? Comments, string Reviewer, DateTimeOffset GivenAt);

public sealed record Meeting(DateOnly Date, DateTimeOffset At, bool? Approved, string? Comments, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record SchemeReview(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string CustomerClass, Guid SchemeReplyWorkItemId, int Revision, string Status,
    SchemeDraft Draft, string DraftedBy, DateTimeOffset DraftedAt, IReadOnlyList<string> Reviewers, IReadOnlyList<string> PendingDepartments,
    IReadOnlyList<ReviewOpinion> Opinions, DateTimeOffset? ReviewedAt, bool NeedsMeeting, Meeting? Meeting, string? RepliedBy,
    DateTimeOffset? RepliedAt, string? CustomerComments, DateTimeOffset? CustomerAnsweredAt, IReadOnlyList<string>? SentBackBecause);

public sealed record SchemeRound(Guid WorkItemId, Guid ApplicationId, int Round, string WorkItemStatus, SchemeReview? Review, SchemeReview? PreviousRevision);

public sealed record Notice(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string CustomerId, string Kind, string? Step, int Round, string Title,
    string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record StaffNotice(
    Guid Id, Guid WorkItemId, Guid ApplicationId, string ApplicationNumber, string Kind, string? Level, string Step, string Department,
    string? Recipient, string? Assignee, DateTimeOffset DueAt, DateTimeOffset RaisedAt, string Title, string Body, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt, DateTimeOffset? HandledAt, string? HandledBy, string? HandlingAction);

public sealed record FollowUp(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string CustomerId, string Status, DateTimeOffset ConnectedAt, DateTimeOffset CreatedAt,
    int? Score, string? Comment, DateTimeOffset? RatedAt,
    string VisitStatus = "Pending", DateTimeOffset? VisitDueAt = null, bool VisitOverdue = false, string? VisitChannel = null,
    int? AttitudeScore = null, int? SpeedScore = null, int? ChargesScore = null, string? VisitComments = null, string? VisitedBy = null,
    DateTimeOffset? VisitedAt = null);

public sealed record Complaint(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string? CustomerId, string Category, string? Step, string Text,
    DateTimeOffset RecordedAt, string Status, string OwnerDepartment, string? Handler, string PolicyVersion, int LimitWorkingDays,
    DateTimeOffset DueAt, bool IsOverdue, string? Reply, DateTimeOffset? RepliedAt, DateTimeOffset? ClosedAt, string? Rectification,
    string? Accountability);

public sealed record ComplaintAction(string Kind, string Actor, DateTimeOffset At, string Department, string? Note);

public sealed record ComplaintSummary(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string Category, string? Step, string OwnerDepartment, string Status,
    DateTimeOffset RecordedAt, DateTimeOffset DueAt, bool IsOverdue, DateTimeOffset? RepliedAt);

public sealed record DepartmentComplaintCount(string Department, int Open, int Overdue);

public sealed record ComplaintSupervision(DateTimeOffset At, IReadOnlyList<DepartmentComplaintCount> Departments, IReadOnlyList<ComplaintSummary> Open);

public sealed record ManagerWorklistEntry(
    Guid ApplicationId, string Number, string CustomerName, string CustomerClass, string? Step, string? StepName, string? Department,
    string? Assignee, DateTimeOffset? WaitingSince, DateTimeOffset? DueAt, int? AgeWorkingDays, bool Paused, bool Overdue,
    bool CustomerTime, int Round, IReadOnlyList<int>? DueAssumedYears, string? Kind,
    string? Warning = null, IReadOnlyList<ManagerWorklistWarning>? Warnings = null, string? Awaiting = null, decimal? AmountDue = null)
{
    public PowerOnForecastView? Forecast { get; init; }
}

/// <summary>One 超时预警 of a managed application (the step, its level, when, whose).</summary>
public sealed record ManagerWorklistWarning(string Step, string StepName, string Department, string Level, string? Assignee, DateTimeOffset RaisedAt);

public sealed record HandoffStats(int Count, double P50Seconds, double P95Seconds, double MaxSeconds);

public sealed record DepartmentPairHandoffs(string From, string To, HandoffStats Handoffs);

public sealed record StepHandoffs(string Step, string Department, HandoffStats Handoffs);

public sealed record WaitingApplication(
    Guid ApplicationId, string Number, string CustomerClass, string Step, int Round, DateTimeOffset OpenedAt, double AgeHours,
    string? Assignee, DateTimeOffset? DueAt, bool Overdue);

public sealed record DepartmentWaiting(string Department, int Count, double OldestAgeHours, IReadOnlyList<WaitingApplication> Applications);

public sealed record HandoffReport(
    DateOnly From, DateOnly To, DateTimeOffset GeneratedAt, IReadOnlyList<DepartmentPairHandoffs> ByDepartmentPair,
    IReadOnlyList<StepHandoffs> ByStep, IReadOnlyList<DepartmentWaiting> WaitingNow);

public sealed record StepFigures(
    string Step, string StepName, string Department, int Count, double? AverageWorkingDays, int? MaxWorkingDays, double? AverageHours,
    double? MaxHours, int Judged, int OnTime, double? OnTimeRate);

public sealed record TotalFigures(
    int Applications, double? AverageWorkingDays, int? MaxWorkingDays, double? AverageHours, double? MaxHours, int Judged, int OnTime,
    double? OnTimeRate, int? Complaints, int? ApplicationsWithComplaints, double? ComplaintRate, int? Ratings, double? SatisfactionAverage,
    int? Visits = null, double? AttitudeAverage = null, double? SpeedAverage = null, double? ChargesAverage = null,
    int? ServiceErrors = null, int? ApplicationsWithErrors = null, double? ServiceErrorRate = null);

/// <summary>Figures per 责任人 in one group (<c>/api/reports/responsible</c>).</summary>
public sealed record ResponsibleFigures(
    string Group, string Responsible, string Department, int Steps, int Applications, int Judged, int OnTime, double? OnTimeRate,
    double? AverageWorkingDays, int? MaxWorkingDays, int Warnings, int OverdueWarnings);

public sealed record ResponsibleReport(string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<ResponsibleFigures> Rows, string Method);

public sealed record ReportGroup(string Key, IReadOnlyList<StepFigures> Steps, TotalFigures Total);

public sealed record PerformanceReport(string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<ReportGroup> Groups, string Method);

/// <summary>An application's charges as 供电方案 keeps them (GET /api/supply-scheme/applications/{id}/charges).</summary>
public sealed record ChargeAccount(
    Guid ApplicationId, string ApplicationNumber, string Status, string? TariffVersion, string? TariffTitle, int Revision, DateTimeOffset? AssessedAt,
    bool ZeroService, IReadOnlyList<ChargeItem> Items, decimal Total, decimal Paid, decimal Refunded, decimal Balance,
    IReadOnlyList<ChargePaymentView> Payments, IReadOnlyList<ChargeRefundView> Refunds);

public sealed record ChargeItem(
    string Item, string Name, string EnglishName, string Basis, string BasisName, decimal Quantity, decimal UnitAmount, decimal Amount,
    string Source, bool CompanyConfigured);

public sealed record ChargePaymentView(Guid Id, string Reference, decimal Amount, string Channel, string RecordedBy, DateTimeOffset PaidAt);

public sealed record ChargeRefundView(Guid Id, decimal Amount, string Reason, DateTimeOffset RefundedAt);

/// <summary>Cost per application (GET /api/reports/costs).</summary>
public sealed record CostReport(string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<CostFigures> Groups, string Method);

public sealed record CostFigures(
    string Key, int Applications, int Assessed, int Charged, decimal AssessedTotal, decimal PaidTotal, decimal RefundedTotal,
    decimal NetTotal, decimal? AverageNet, decimal? MaxNet, int CompanyCostRecorded, decimal? CompanyCostTotal);

public sealed record Compared(double Baseline, double Scenario, double Change);

public sealed record WhatIfSummary(int Applications, Compared OnTimeRate, Compared ApplicationsOnTime, Compared MeanDaysToPowerOn);

public sealed record WhatIfStep(string Step, string Name, int Clocks, Compared OnTimeRate, Compared MeanDays, Compared P90Days);

public sealed record WhatIfDepartmentMonth(string Department, string Month, int Clocks, Compared OnTimeRate, Compared MeanDays,
    IReadOnlyList<int> BaselineWarnings, IReadOnlyList<int> ScenarioWarnings);

public sealed record WhatIfHandoff(string From, string To, string? Month, int Count, Compared MeanDays, Compared P90Days);

public sealed record WhatIfReport(string Source, string History, string Scenario, IReadOnlyList<double> WarningThresholds, WhatIfSummary Summary,
    IReadOnlyList<WhatIfStep> Steps, IReadOnlyList<WhatIfDepartmentMonth> DepartmentMonths, IReadOnlyList<WhatIfHandoff> SlowestHandoffs,
    IReadOnlyList<WhatIfHandoff> SlowestHandoffsByMonth);

public sealed record BottleneckEntry(string Key, string Name, string From, string To, int ApplicationsDelayed, int DaysLost, double MeanDaysLost,
    double CriticalShare, int JobDaysLost, bool MostlyCritical);

public sealed record BottleneckReport(DateOnly From, DateOnly To, int Applications, IReadOnlyList<BottleneckEntry> Activities, IReadOnlyList<BottleneckEntry> Handoffs);

public sealed record BottleneckView(string Month, string Source, string History, BottleneckReport Report);

public sealed record OpenForecast(Guid ApplicationId, string Number, string CustomerClass, string Kind, string? CustomerManager, DateOnly Submitted,
    PowerOnForecastView Forecast);

public sealed record Distribution(int Count, double Mean, double Median, double P10, double P90, double Min, double Max);

public sealed record GettingElectricityCase(string Number, string CustomerClass, string Kind, DateOnly Submitted, DateOnly PowerOn, int Procedures, int CalendarDays, decimal? Cost);

public sealed record GettingElectricityProcedure(int Order, string Step, string Name, int Applications, double MedianCalendarDays);

public sealed record GettingElectricityReport(DateOnly From, DateOnly To, string Standard, int Applications, Distribution Procedures,
    Distribution CalendarDays, Distribution? Cost, string CostNote, IReadOnlyList<GettingElectricityProcedure> ProcedureList,
    IReadOnlyList<GettingElectricityCase> Cases, string Method);

/// <summary>A customer's 客户经理 (<c>/api/customers</c>) and, for one customer, every change with its reason.</summary>
public sealed record CustomerManagerView(
    string CustomerId, string? CustomerName, string CustomerManager, DateTimeOffset AssignedAt, int OpenApplications,
    IReadOnlyList<CustomerManagerChangeView> Changes);

public sealed record CustomerManagerChangeView(string PreviousManager, string CustomerManager, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A named reviewer's pending scheme opinions (<c>/api/supply-scheme/reviews/mine</c>).</summary>
public sealed record ReviewerWorklist(string Reviewer, IReadOnlyList<string> Departments, IReadOnlyList<PendingReview> Pending);

public sealed record PendingReview(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string CustomerClass, int Revision, string DraftedBy, DateTimeOffset DraftedAt,
    IReadOnlyList<string> PendingDepartments, int? OpinionLimitWorkingDays, DateTimeOffset? OpinionDueAt);
