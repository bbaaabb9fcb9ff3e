namespace YeKuo.Schedule.Bottlenecks;

/// <summary>The activities and handoffs that cost the most days in a period, most costly first.</summary>
public sealed record BottleneckReport(DateOnly From, DateOnly To, int Applications, IReadOnlyList<BottleneckEntry> Activities, IReadOnlyList<BottleneckEntry> Handoffs);
