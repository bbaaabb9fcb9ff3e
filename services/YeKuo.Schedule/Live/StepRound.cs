using YeKuo.Contracts;

namespace YeKuo.Schedule.Live;

/// <summary>
/// One round of a step on an application's timeline, as the services record it: opened (handed over) and completed on
/// these days (China dates), and whether the completion moved the application on (a failed check sends it back).
/// </summary>
public sealed record StepRound(Step Step, int Round, DateOnly? OpenedOn, DateOnly? CompletedOn, bool MovesOn = true);
