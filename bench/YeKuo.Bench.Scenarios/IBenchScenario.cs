namespace YeKuo.Bench.Scenarios;

/// <summary>
/// One bench scenario: <c>dotnet run -c Release --project bench/YeKuo.Bench -- &lt;name&gt; [options]</c>. Every public
/// non-abstract implementation in this assembly with a parameterless constructor is found by <see cref="BenchScenarios"/>.
/// </summary>
public interface IBenchScenario
{
    /// <summary>The command-line name (e.g. <c>chaos</c>, <c>e2e</c>).</summary>
    string Name { get; }

    /// <summary>The options text printed by <c>--help</c>.</summary>
    string Usage { get; }

    /// <summary>
    /// Runs with the arguments after the scenario name, prints the result, writes it to
    /// <c>&lt;results&gt;/&lt;yyyy-MM-dd&gt;-&lt;name&gt;.md</c>. Returns 0 when every check passed, 1 when one failed, 2 on bad usage.
    /// </summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
