namespace YeKuo.Messaging.Outbox;

/// <summary>An outbox row on its way: its internal event confirmed (<see cref="Handoff"/>), and all its events confirmed.</summary>
internal readonly record struct OutboxPublication(Task Handoff, Task Confirmed);
