using System.Collections.Concurrent;

namespace YeKuo.Bench.Scenarios;

/// <summary>Every resource's output to <c>&lt;dir&gt;/&lt;resource&gt;.log</c> (kept for diagnosis), nothing on the console.</summary>
public sealed class FileLogSink(string directory) : IDisposable
{
    private readonly ConcurrentDictionary<string, StreamWriter> _writers = new();
    private bool _disposed;

    public string Directory { get; } = directory;

    public void Write(string resource, string line)
    {
        if (_disposed) return;
        var writer = _writers.GetOrAdd(resource, name =>
        {
            System.IO.Directory.CreateDirectory(Directory);
            return new StreamWriter(Path.Combine(Directory, name + ".log"), append: true) { AutoFlush = false };
        });
        lock (writer)
        {
            if (_disposed) return;
            writer.Write(DateTime.Now.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.WriteLine(line);
        }
    }

    public void Flush()
    {
        foreach (var writer in _writers.Values)
        {
            lock (writer)
            {
                if (!_disposed) writer.Flush();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var writer in _writers.Values)
        {
            lock (writer)
            {
                writer.Flush();
                writer.Dispose();
            }
        }
    }
}
