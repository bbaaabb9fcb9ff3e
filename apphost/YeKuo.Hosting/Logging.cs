using System.Collections.Concurrent;

namespace YeKuo.Hosting;

/// <summary>One line written by a resource (or by the orchestrator itself, resource "apphost").</summary>
public sealed record ResourceLogLine(string Resource, string Text, bool IsError, DateTimeOffset Timestamp)
{
    public override string ToString() => $"[{Resource}] {Text}";
}

/// <summary>Receives every output line of every resource. Must be thread-safe.</summary>
public interface IResourceLogSink
{
    void Write(ResourceLogLine line);
}

public static class ResourceLogSinks
{
    /// <summary>Prefixed lines to the console (colored prefix when the console is a terminal).</summary>
    public static IResourceLogSink Console { get; } = new ConsoleSink();

    /// <summary>Drops everything (the in-memory buffers of the application still keep the last lines).</summary>
    public static IResourceLogSink None { get; } = new DelegateSink(_ => { });

    /// <summary>Sends "[name] text" lines to a delegate, e.g. <c>ITestOutputHelper.WriteLine</c>. Exceptions thrown by it are swallowed
    /// (xunit's helper throws once its test has finished).</summary>
    public static IResourceLogSink FromDelegate(Action<string> write) => new DelegateSink(l => write(l.ToString()));

    public static IResourceLogSink FromDelegate(Action<ResourceLogLine> write) => new DelegateSink(write);

    private sealed class DelegateSink(Action<ResourceLogLine> write) : IResourceLogSink
    {
        public void Write(ResourceLogLine line)
        {
            try { write(line); }
            catch (Exception) { /* a sink must never break the orchestrator */ }
        }
    }

    private sealed class ConsoleSink : IResourceLogSink
    {
        private static readonly ConsoleColor[] Palette =
            [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkMagenta, ConsoleColor.DarkYellow];

        private readonly Lock _lock = new();
        private readonly ConcurrentDictionary<string, ConsoleColor> _colors = new();
        private readonly bool _color = !System.Console.IsOutputRedirected;

        public void Write(ResourceLogLine line)
        {
            lock (_lock)
            {
                if (_color)
                {
                    System.Console.ForegroundColor = line.Resource == "apphost" ? ConsoleColor.White : _colors.GetOrAdd(line.Resource, _ => Palette[_colors.Count % Palette.Length]);
                    System.Console.Write($"[{line.Resource}] ");
                    System.Console.ResetColor();
                    System.Console.Out.WriteLine(line.Text);
                }
                else
                {
                    System.Console.Out.WriteLine(line.ToString());
                }
            }
        }
    }
}

/// <summary>Keeps the last N lines per resource so a failing test can print them.</summary>
internal sealed class LogBuffer(int capacity)
{
    private readonly ConcurrentDictionary<string, Queue<ResourceLogLine>> _lines = new();

    public void Add(ResourceLogLine line)
    {
        var queue = _lines.GetOrAdd(line.Resource, _ => new Queue<ResourceLogLine>());
        lock (queue)
        {
            queue.Enqueue(line);
            while (queue.Count > capacity) queue.Dequeue();
        }
    }

    public IReadOnlyList<ResourceLogLine> Get(string resource)
    {
        if (!_lines.TryGetValue(resource, out var queue)) return [];
        lock (queue) return queue.ToArray();
    }

    public IEnumerable<string> Resources => _lines.Keys;
}
