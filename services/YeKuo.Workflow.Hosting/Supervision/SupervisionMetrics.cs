using System.Diagnostics.Metrics;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>
/// Supervision metrics on the <c>YeKuo.Workflow</c> meter: <c>yekuo.supervision.warnings</c> (raised warnings and
/// escalations by level, department and step) and <c>yekuo.workitems.overdue</c> (running overdue work items by
/// department, as of the scanner's last pass).
/// </summary>
public sealed class SupervisionMetrics
{
    public const string MeterName = "YeKuo.Workflow";

    private readonly Counter<long> _warnings;
    private readonly object _gate = new();
    private Dictionary<Department, long> _overdue = [];

    public SupervisionMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _warnings = Meter.CreateCounter<long>(
            "yekuo.supervision.warnings", unit: "{event}",
            description: "超时预警 levels and escalations raised (each once per work item and level).");
        Meter.CreateObservableGauge(
            "yekuo.workitems.overdue", ObserveOverdue, unit: "{work_item}",
            description: "Open or in-progress work items past their due date, by department (as of the last supervision scan).");
    }

    public Meter Meter { get; }

    internal void Raised(SupervisionLevel level, Department department, Step step) => _warnings.Add(1,
        new KeyValuePair<string, object?>("level", level.ToString()),
        new KeyValuePair<string, object?>("department", department.ToString()),
        new KeyValuePair<string, object?>("step", step.ToString()));

    internal void SetOverdue(IReadOnlyDictionary<Department, long> byDepartment)
    {
        lock (_gate)
        {
            // A department that was overdue before and is not now reports 0 rather than vanishing.
            var next = _overdue.Keys.ToDictionary(d => d, _ => 0L);
            foreach (var (department, count) in byDepartment)
            {
                next[department] = count;
            }
            _overdue = next;
        }
    }

    private IEnumerable<Measurement<long>> ObserveOverdue()
    {
        Dictionary<Department, long> snapshot;
        lock (_gate)
        {
            snapshot = _overdue;
        }
        return snapshot.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("department", p.Key.ToString()))).ToArray();
    }
}
