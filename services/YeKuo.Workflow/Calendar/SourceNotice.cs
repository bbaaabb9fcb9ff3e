namespace YeKuo.Workflow.Calendar;

/// <summary>The published notice a year's holidays come from (国务院办公厅关于YYYY年部分节假日安排的通知), kept for 追溯.</summary>
public sealed record SourceNotice(string Title, string Url);
