namespace YeKuo.Workflow.Scheduling;

/// <summary>
/// Critical path method (关键路径法) over a step network in working days: forward pass for ES/EF, backward pass for
/// LS/LF, then floats. Immutable; a deviation is analysed on a copy with the actual duration.
/// </summary>
public sealed class StepNetwork
{
    private readonly Dictionary<string, ScheduledActivity> _byName;

    public StepNetwork(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var input = activities.ToArray();
        if (input.Length == 0)
            throw new InvalidStepNetworkException("A step network needs at least one activity.");

        var byName = new Dictionary<string, Activity>(StringComparer.Ordinal);
        foreach (var a in input)
        {
            if (string.IsNullOrWhiteSpace(a.Name))
                throw new InvalidStepNetworkException("An activity has no name.");
            if (a.DurationWorkingDays < 0)
                throw new InvalidStepNetworkException($"Activity '{a.Name}' has a negative duration.");
            if (!byName.TryAdd(a.Name, a))
                throw new InvalidStepNetworkException($"Activity '{a.Name}' is defined twice.");
        }

        foreach (var a in input)
        {
            foreach (var p in a.Predecessors.Where(p => !byName.ContainsKey(p)))
                throw new InvalidStepNetworkException($"Activity '{a.Name}' waits for unknown activity '{p}'.");
        }

        Activities = Schedule(input);
        _byName = Activities.ToDictionary(a => a.Name, StringComparer.Ordinal);
        ProjectDuration = Activities.Max(a => a.EarliestFinish);
    }

    /// <summary>Activities in a topological order (input order where dependencies allow).</summary>
    public IReadOnlyList<ScheduledActivity> Activities { get; }

    /// <summary>Working days from the network start to the last finish.</summary>
    public int ProjectDuration { get; }

    public IReadOnlyList<ScheduledActivity> CriticalActivities => Activities.Where(a => a.IsCritical).ToArray();

    public ScheduledActivity this[string name] =>
        _byName.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException($"No activity '{name}' in the network.");

    /// <summary>The same network with one activity's duration replaced (e.g. by its actual duration).</summary>
    public StepNetwork WithDuration(string name, int durationWorkingDays)
    {
        _ = this[name];
        return new StepNetwork(Activities.Select(a =>
            new Activity(a.Name, a.Name == name ? durationWorkingDays : a.Duration, a.Predecessors)));
    }

    /// <summary>What an actual duration of <paramref name="name"/> does to the job and to the steps after it.</summary>
    public DeviationAnalysis AnalyseDeviation(string name, int actualDurationWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actualDurationWorkingDays);
        var revised = WithDuration(name, actualDurationWorkingDays);
        var shifted = Activities
            .Where(a => a.Name != name && revised[a.Name].EarliestStart != a.EarliestStart)
            .Select(a => new ShiftedActivity(a.Name, a.EarliestStart, revised[a.Name].EarliestStart))
            .ToArray();
        return new DeviationAnalysis(this[name], actualDurationWorkingDays, ProjectDuration, revised, shifted);
    }

    private static ScheduledActivity[] Schedule(Activity[] input)
    {
        var order = TopologicalOrder(input);
        var successors = input.ToDictionary(a => a.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var a in order)
        {
            foreach (var p in a.Predecessors.Distinct())
                successors[p].Add(a.Name);
        }

        var es = new Dictionary<string, int>(StringComparer.Ordinal);
        var ef = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in order)
        {
            es[a.Name] = a.Predecessors.Count == 0 ? 0 : a.Predecessors.Max(p => ef[p]);
            ef[a.Name] = es[a.Name] + a.DurationWorkingDays;
        }

        var duration = ef.Values.Max();
        var ls = new Dictionary<string, int>(StringComparer.Ordinal);
        var lf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in order.AsEnumerable().Reverse())
        {
            lf[a.Name] = successors[a.Name].Count == 0 ? duration : successors[a.Name].Min(s => ls[s]);
            ls[a.Name] = lf[a.Name] - a.DurationWorkingDays;
        }

        return order.Select(a => new ScheduledActivity(
                a.Name,
                a.DurationWorkingDays,
                a.Predecessors,
                successors[a.Name],
                es[a.Name],
                ef[a.Name],
                ls[a.Name],
                lf[a.Name],
                TotalFloat: ls[a.Name] - es[a.Name],
                // The last activities' free float is measured against the job's finish.
                FreeFloat: (successors[a.Name].Count == 0 ? duration : successors[a.Name].Min(s => es[s])) - ef[a.Name]))
            .ToArray();
    }

    // Kahn's algorithm, picking ready activities in input order so results read like the plan.
    private static Activity[] TopologicalOrder(Activity[] input)
    {
        var order = new List<Activity>(input.Length);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < input.Length)
        {
            var next = input.FirstOrDefault(a => !done.Contains(a.Name) && a.Predecessors.All(done.Contains));
            if (next is null)
            {
                var stuck = input.Where(a => !done.Contains(a.Name)).Select(a => a.Name);
                throw new InvalidStepNetworkException($"The network has a cycle; unschedulable activities (the cycle and what waits on it): {string.Join(", ", stuck)}.");
            }

            order.Add(next);
            done.Add(next.Name);
        }

        return order.ToArray();
    }
}
