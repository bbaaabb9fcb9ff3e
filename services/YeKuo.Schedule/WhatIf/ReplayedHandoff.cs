using YeKuo.Contracts;

namespace YeKuo.Schedule.WhatIf;

/// <summary>
/// A wait between departments in a replayed application: the receiving activity's time from handed-over to finished
/// that was not work (waiting to be picked up, or for a 方案审查会 sitting).
/// </summary>
public sealed record ReplayedHandoff(string ApplicationId, Department From, Department To, string ActivityId, int Days, DateOnly Date);
