using MassTransit;

namespace YeKuo.Contracts;

/// <summary>An event about one application; lets telemetry tag every handoff with the application it moved.</summary>
[ExcludeFromTopology]
public interface IApplicationEvent
{
    Guid ApplicationId { get; }
}

/// <summary>An event sent by the department that owns a step: the sending side of a handoff.</summary>
[ExcludeFromTopology]
public interface IStepEvent : IApplicationEvent
{
    Step Step { get; }

    Department Department { get; }
}
