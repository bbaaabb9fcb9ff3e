using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.Prediction;

/// <summary>
/// Forecasts the power-on day of an open application by Monte Carlo over its network: each run draws every remaining
/// activity's days from the history (<see cref="DurationModel"/>), an activity in progress only from the durations
/// longer than it has already taken, and runs the forward pass from the status date (the 方案审查会 still finishes
/// only at a sitting). The customer's own activities are drawn together through one pace per run (a one-factor
/// Gaussian copula with the history's <see cref="DurationModel.CustomerPaceCorrelation"/>), centred on the pace the
/// customer has shown in the activities already done. The P50 and P90 of the runs' finishes are the forecast. The draws are seeded from the
/// forecaster's seed and the application's start and status days, so the same question gets the same answer.
/// Thread-safe: every call has its own buffers and generator.
/// </summary>
public sealed class PowerOnForecaster
{
    /// <summary>Fewer longer-than-elapsed samples than this and an activity in progress draws elapsed + a fresh duration.</summary>
    private const int MinConditionalSamples = 5;

    public PowerOnForecaster(DurationModel model, int iterations = 1000, int seed = 4_004)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 20);
        Model = model;
        Iterations = iterations;
        Seed = seed;
    }

    public DurationModel Model { get; }

    public int Iterations { get; }

    public int Seed { get; }

    /// <summary>The forecast at the end of working day <paramref name="statusIndex"/> given what has happened.</summary>
    public PowerOnForecast Forecast(ApplicationNetwork application, int startIndex, int statusIndex, IReadOnlyDictionary<string, ActivityProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(application);
        var network = application.Network;
        var plan = network.Replan(startIndex, statusIndex, progress); // validates the progress too
        var n = network.Count;
        var states = new ActivityProgress?[n];
        foreach (var (id, p) in progress) states[network.IndexOf(id)] = p;

        var samples = new DurationSamples?[n];
        var basis = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (states[i]?.State == ActivityState.Done) continue;
            var activity = network.Activities[i];
            samples[i] = Model.SamplesFor(activity, application.Class, application.Kind);
            basis[activity.Id] = samples[i]?.Basis ?? "planned duration (no history)";
        }

        // The customer's pace so far: normal scores of the done customer activities within their groups.
        var rho = Model.CustomerPaceCorrelation;
        double observed = 0;
        var observedCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (states[i] is not { State: ActivityState.Done } done || !network.Activities[i].IsCustomerTime) continue;
            var s = Model.SamplesFor(network.Activities[i], application.Class, application.Kind);
            if (s is not { Spreads: true }) continue;
            var ready = startIndex;
            foreach (var p in network.PredecessorsOf(i)) ready = Math.Max(ready, states[p]?.FinishIndex ?? ready);
            observed += s.NormalScore(done.FinishIndex!.Value - ready);
            observedCount++;
        }

        var denominator = observedCount * rho + 1 - rho;
        var paceMean = Math.Sqrt(rho) * observed / denominator;
        var paceSd = Math.Sqrt((1 - rho) / denominator);
        var paced = new bool[n];
        for (var i = 0; i < n; i++)
            paced[i] = states[i] is null && network.Activities[i].IsCustomerTime && samples[i] is { Spreads: true };

        var random = new Random(unchecked(Seed + startIndex * 7_919 + statusIndex * 104_729 + (int)application.Class * 31 + (int)application.Kind));
        var durations = new int[n];
        var es = new int[n];
        var ef = new int[n];
        var finishes = new int[Iterations];
        for (var run = 0; run < Iterations; run++)
        {
            var pace = paceMean + paceSd * History.Distributions.StandardNormal(random);
            for (var i = 0; i < n; i++)
            {
                var state = states[i];
                if (state?.State == ActivityState.Done) continue;
                var s = samples[i];
                if (s is null || s.Count == 0) { durations[i] = network.DurationAt(i); continue; }
                if (paced[i])
                {
                    var z = Math.Sqrt(rho) * pace + Math.Sqrt(1 - rho) * History.Distributions.StandardNormal(random);
                    durations[i] = s.AtQuantile(Normal.Cdf(z));
                    continue;
                }

                durations[i] = state is { State: ActivityState.InProgress }
                    ? DrawLongerThan(random, s.WorkDays, statusIndex - state.StartIndex)
                    : s.DaysFromReady[random.Next(s.Count)];
            }

            network.Forward(startIndex, statusIndex, durations, states, es, ef);
            finishes[run] = ScheduleNetwork.Finish(ef);
        }

        Array.Sort(finishes);
        var p50 = Percentile(finishes, 0.50);
        var p90 = Percentile(finishes, 0.90);
        var timeline = network.Calendar.Timeline;
        return new PowerOnForecast(statusIndex, p50, p90, timeline.DateOf(p50), timeline.DateOf(p90),
            plan.FinishIndex, plan.FinishDate, Iterations, basis);
    }

    /// <summary>A draw from the sorted samples longer than <paramref name="elapsed"/> (the activity is not done yet).</summary>
    private static int DrawLongerThan(Random random, int[] sorted, int elapsed)
    {
        var first = UpperBound(sorted, elapsed);
        var longer = sorted.Length - first;
        return longer >= MinConditionalSamples
            ? sorted[first + random.Next(longer)]
            : elapsed + Math.Max(1, sorted[random.Next(sorted.Length)]);
    }

    // First index whose value is greater than `value`.
    private static int UpperBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }

    private static int Percentile(int[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
