using System.Diagnostics;
using System.Text;

namespace YeKuo.Deploy.Tests.Containers;

/// <summary>Runs a command to its end and returns its standard output; a non-zero exit fails with everything it printed.</summary>
public static class Command
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) { output.AppendLine(e.Data); standardOutput.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time:\n{output}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }
        lock (output)
        {
            return standardOutput.ToString();
        }
    }
}
