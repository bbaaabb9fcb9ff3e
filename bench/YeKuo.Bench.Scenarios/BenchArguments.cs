using System.Globalization;

namespace YeKuo.Bench.Scenarios;

/// <summary>Walks <c>--option value</c> pairs; a bad value or an unknown option throws <see cref="ArgumentException"/> (exit code 2).</summary>
public sealed class BenchArguments(IReadOnlyList<string> args)
{
    private int _index = -1;

    public string Current => args[_index];

    public bool MoveNext() => ++_index < args.Count;

    public string Next() => _index + 1 < args.Count ? args[++_index] : throw new ArgumentException($"Missing value after {args[_index]}.");

    public int NextInt()
    {
        var text = Next();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{args[_index - 1]} needs an integer, not '{text}'.");
    }

    public ArgumentException Unknown() => new($"Unknown option {Current}.");

    /// <summary>The command line that reproduces the run, for the result file.</summary>
    public static string CommandLine(string scenario, IReadOnlyList<string> args) =>
        $"dotnet run -c Release --project bench/YeKuo.Bench -- {string.Join(' ', new[] { scenario }.Concat(args))}".TrimEnd();
}
