namespace YeKuo.Schedule.History;

/// <summary>How much history to generate, over which submission dates, from which seed.</summary>
public sealed record HistoryGeneratorSettings(int Applications = 6000, int Seed = 20261205)
{
    public DateOnly FirstSubmission { get; init; } = new(2024, 1, 2);

    public DateOnly LastSubmission { get; init; } = new(2026, 6, 30);
}
