using YeKuo.Schedule.Calendar;

namespace YeKuo.Schedule.Network;

/// <summary>
/// An application's schedule network (业扩进度计划): activities with finish-to-start dependencies and lags, some of
/// which may only finish at a 方案审查会 sitting. <see cref="Plan"/> runs the critical path method from a start day;
/// <see cref="Replan"/> does it again from a status date with what actually happened (修改原业扩进度计划): done
/// activities keep their actual dates, one in progress cannot finish before the day after the status date, and
/// nothing not started can start before it. Immutable; compiled once into arrays so a forecast can run thousands of
/// forward passes.
/// </summary>
public sealed class ScheduleNetwork
{
    private readonly Dictionary<string, int> _indexById;
    private readonly int[][] _predecessors;
    private readonly int[][] _predecessorLags;
    private readonly int[][] _successors;
    private readonly int[][] _successorLags;
    private readonly bool[] _atMeeting;
    private readonly int[] _durations;

    public ScheduleNetwork(IEnumerable<ActivityDefinition> activities, ScheduleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        var input = activities.ToArray();
        Validate(input);
        Activities = TopologicalOrder(input);
        _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Activities.Count; i++) _indexById[Activities[i].Id] = i;

        var n = Activities.Count;
        _predecessors = new int[n][];
        _predecessorLags = new int[n][];
        var successors = Enumerable.Range(0, n).Select(_ => new List<(int To, int Lag)>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            var deps = Activities[i].Predecessors;
            _predecessors[i] = deps.Select(d => _indexById[d.PredecessorId]).ToArray();
            _predecessorLags[i] = deps.Select(d => d.LagWorkingDays).ToArray();
            foreach (var d in deps) successors[_indexById[d.PredecessorId]].Add((i, d.LagWorkingDays));
        }

        _successors = successors.Select(s => s.Select(x => x.To).ToArray()).ToArray();
        _successorLags = successors.Select(s => s.Select(x => x.Lag).ToArray()).ToArray();
        _atMeeting = Activities.Select(a => a.FinishesAtMeeting).ToArray();
        _durations = Activities.Select(a => a.DurationWorkingDays).ToArray();
    }

    public ScheduleCalendar Calendar { get; }

    /// <summary>The activities in topological order (input order where the dependencies allow).</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; }

    public int Count => Activities.Count;

    public bool Contains(string id) => _indexById.ContainsKey(id);

    public int IndexOf(string id) =>
        _indexById.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"No activity '{id}' in the network.");

    public ActivityDefinition this[string id] => Activities[IndexOf(id)];

    /// <summary>The plan from <paramref name="startIndex"/> (the application's start day) with the planned durations.</summary>
    public NetworkSchedule Plan(int startIndex) => Replan(startIndex, startIndex, new Dictionary<string, ActivityProgress>());

    /// <summary>The plan from the start date.</summary>
    public NetworkSchedule Plan(DateOnly start) => Plan(Calendar.Timeline.IndexOf(start));

    /// <summary>
    /// Re-plans the remaining work at the end of working day <paramref name="statusIndex"/> given what happened so far.
    /// Activities without an entry have not started.
    /// </summary>
    public NetworkSchedule Replan(int startIndex, int statusIndex, IReadOnlyDictionary<string, ActivityProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (statusIndex < startIndex)
            throw new ArgumentOutOfRangeException(nameof(statusIndex), statusIndex, "The status date is before the project start.");
        var states = new ActivityProgress?[Count];
        foreach (var (id, p) in progress)
        {
            var i = IndexOf(id);
            if (p.StartIndex < startIndex)
                throw new ArgumentException($"Activity '{id}' started before the project start.", nameof(progress));
            if (p.StartIndex > statusIndex || p.FinishIndex > statusIndex)
                throw new ArgumentException($"Activity '{id}' has progress after the status date.", nameof(progress));
            states[i] = p;
        }

        var es = new int[Count];
        var ef = new int[Count];
        Forward(startIndex, statusIndex, _durations, states, es, ef);
        return Backward(startIndex, statusIndex, states, es, ef);
    }

    /// <summary>Re-plans at a status date given as a date.</summary>
    public NetworkSchedule Replan(DateOnly start, DateOnly status, IReadOnlyDictionary<string, ActivityProgress> progress) =>
        Replan(Calendar.Timeline.IndexOf(start), Calendar.Timeline.IndexOf(status), progress);

    /// <summary>The same network with other planned durations (e.g. the actual ones, or a what-if capacity).</summary>
    public ScheduleNetwork WithDurations(IReadOnlyDictionary<string, int> durations) =>
        new(Activities.Select(a => durations.TryGetValue(a.Id, out var d) ? a with { DurationWorkingDays = d } : a), Calendar);

    /// <summary>The same network on another calendar (e.g. another meeting weekday or frequency).</summary>
    public ScheduleNetwork WithCalendar(ScheduleCalendar calendar) => new(Activities, calendar);

    /// <summary>
    /// Forward pass over arrays indexed like <see cref="Activities"/> (no allocation: the forecast's inner loop).
    /// <paramref name="startGaps"/>, when given, delays each activity's start beyond its predecessors (a handoff wait).
    /// </summary>
    internal void Forward(
        int startIndex,
        int statusIndex,
        ReadOnlySpan<int> durations,
        ReadOnlySpan<ActivityProgress?> progress,
        Span<int> es,
        Span<int> ef,
        ReadOnlySpan<int> startGaps = default)
    {
        for (var i = 0; i < _predecessors.Length; i++)
        {
            var p = progress.IsEmpty ? null : progress[i];
            if (p is { State: ActivityState.Done })
            {
                es[i] = p.StartIndex;
                ef[i] = p.FinishIndex!.Value;
                continue;
            }

            int start, finish;
            if (p is { State: ActivityState.InProgress })
            {
                start = p.StartIndex;
                // Not finished by the end of the status day: the earliest finish is the next working day.
                finish = Math.Max(start + durations[i], statusIndex + 1);
            }
            else
            {
                start = Math.Max(startIndex, statusIndex);
                var preds = _predecessors[i];
                var lags = _predecessorLags[i];
                for (var k = 0; k < preds.Length; k++) start = Math.Max(start, ef[preds[k]] + lags[k]);
                if (!startGaps.IsEmpty) start += startGaps[i];
                finish = start + durations[i];
            }

            es[i] = start;
            ef[i] = _atMeeting[i] ? Calendar.NextSitting(finish) : finish;
        }
    }

    /// <summary>Timeline index of the last finish after a forward pass.</summary>
    internal static int Finish(ReadOnlySpan<int> ef)
    {
        var max = int.MinValue;
        foreach (var f in ef) max = Math.Max(max, f);
        return max;
    }

    internal int DurationAt(int index) => _durations[index];

    internal bool FinishesAtMeeting(int index) => _atMeeting[index];

    internal ReadOnlySpan<int> PredecessorsOf(int index) => _predecessors[index];

    private NetworkSchedule Backward(int startIndex, int statusIndex, ActivityProgress?[] states, int[] es, int[] ef)
    {
        var n = Count;
        var finish = Finish(ef);
        var ls = new int[n];
        var lf = new int[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var latest = finish;
            for (var k = 0; k < _successors[i].Length; k++)
                latest = Math.Min(latest, ls[_successors[i][k]] - _successorLags[i][k]);
            var isOpen = states[i]?.State != ActivityState.Done;
            if (_atMeeting[i] && isOpen) latest = Math.Max(Calendar.PreviousSitting(latest), ef[i]);
            lf[i] = latest;
            // A meeting activity may start as late as its work allows before that sitting; others keep their span.
            ls[i] = latest - (_atMeeting[i] && states[i] is null ? _durations[i] : ef[i] - es[i]);
        }

        var timeline = Calendar.Timeline;
        var result = new ActivitySchedule[n];
        for (var i = 0; i < n; i++)
        {
            var freeLimit = finish;
            for (var k = 0; k < _successors[i].Length; k++)
            {
                // A successor that waits for a sitting can start as late as its work allows and make the same sitting.
                var j = _successors[i][k];
                var start = _atMeeting[j] && states[j] is null ? ef[j] - _durations[j] : es[j];
                freeLimit = Math.Min(freeLimit, start - _successorLags[i][k]);
            }

            var state = states[i]?.State ?? ActivityState.NotStarted;
            var wait = _atMeeting[i] && state != ActivityState.Done ? ef[i] - Math.Max(es[i] + _durations[i], state == ActivityState.InProgress ? statusIndex + 1 : 0) : 0;
            result[i] = new ActivitySchedule(
                Activities[i],
                state,
                es[i] - startIndex,
                ef[i] - startIndex,
                ls[i] - startIndex,
                lf[i] - startIndex,
                TotalFloat: lf[i] - ef[i],
                FreeFloat: freeLimit - ef[i],
                MeetingWait: Math.Max(0, wait),
                timeline.DateOf(es[i]),
                timeline.DateOf(ef[i]),
                timeline.DateOf(lf[i]));
        }

        return new NetworkSchedule(Calendar, startIndex, statusIndex, result);
    }

    private static void Validate(ActivityDefinition[] input)
    {
        if (input.Length == 0) throw new InvalidScheduleNetworkException("A schedule network needs at least one activity.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in input)
        {
            if (string.IsNullOrWhiteSpace(a.Id)) throw new InvalidScheduleNetworkException("An activity has no id.");
            if (a.DurationWorkingDays < 0) throw new InvalidScheduleNetworkException($"Activity '{a.Id}' has a negative duration.");
            if (!ids.Add(a.Id)) throw new InvalidScheduleNetworkException($"Activity '{a.Id}' is defined twice.");
        }

        foreach (var a in input)
        {
            foreach (var d in a.Predecessors)
            {
                if (!ids.Contains(d.PredecessorId))
                    throw new InvalidScheduleNetworkException($"Activity '{a.Id}' waits for unknown activity '{d.PredecessorId}'.");
                if (d.LagWorkingDays < 0)
                    throw new InvalidScheduleNetworkException($"Activity '{a.Id}' has a negative lag after '{d.PredecessorId}'.");
            }
        }
    }

    // Kahn's algorithm picking ready activities in input order, so results read like the plan.
    private static ActivityDefinition[] TopologicalOrder(ActivityDefinition[] input)
    {
        var order = new List<ActivityDefinition>(input.Length);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < input.Length)
        {
            var next = input.FirstOrDefault(a => !done.Contains(a.Id) && a.Predecessors.All(p => done.Contains(p.PredecessorId)));
            if (next is null)
            {
                var stuck = input.Where(a => !done.Contains(a.Id)).Select(a => a.Id);
                throw new InvalidScheduleNetworkException($"The network has a cycle; unschedulable activities (the cycle and what waits on it): {string.Join(", ", stuck)}.");
            }

            order.Add(next);
            done.Add(next.Id);
        }

        return order.ToArray();
    }
}
