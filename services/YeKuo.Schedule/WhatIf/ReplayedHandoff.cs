using YeKuo.Contracts;

namespace YeKuo.Schedule.WhatIf;

/// <summary>
/// A wait between departments in a replayed application: working days from the work being handed over (the last
/// predecessor done) to the receiving department starting it. The wait for a 方案审查会 sitting is not a handoff: it
/// shows in the days of 供电方案答复.
/// </summary>
public sealed record ReplayedHandoff(string ApplicationId, Department From, Department To, string ActivityId, int Days, DateOnly Date);
