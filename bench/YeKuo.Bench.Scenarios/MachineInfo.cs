using System.Diagnostics;
using System.Runtime.InteropServices;

namespace YeKuo.Bench.Scenarios;

/// <summary>Facts about the machine and the code a result was measured on.</summary>
public sealed record MachineInfo(string CpuModel, int Cores, string Memory, string Os, string DotnetVersion, string GitCommit)
{
    public static MachineInfo Collect(string repositoryRoot) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        ReadMemory(),
        ReadOs(),
        $"{RuntimeInformation.FrameworkDescription} (SDK {Run("dotnet", "--version", repositoryRoot) ?? "?"})",
        ReadGitCommit(repositoryRoot));

    /// <summary>The head of every result's machine table (header and the rows above), one markdown line each.</summary>
    public IEnumerable<string> TableRows()
    {
        yield return "| machine | |";
        yield return "|---|---|";
        yield return $"| CPU | {CpuModel} |";
        yield return $"| cores | {Cores} |";
        yield return $"| memory | {Memory} |";
        yield return $"| OS | {Os} |";
        yield return $"| .NET | {DotnetVersion} |";
        yield return $"| git commit | {GitCommit} |";
    }

    /// <summary>1/5/15-minute load averages now (other work on the machine skews the numbers).</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return "unknown"; }
    }

    private static string ReadMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is null) return "unknown";
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024.0:0.0} GiB";
        }
        catch (Exception e) when (e is IOException or FormatException) { return "unknown"; }
    }

    private static string ReadOs()
    {
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            var name = pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
            return $"{name}, kernel {Environment.OSVersion.Version}";
        }
        catch (IOException) { return RuntimeInformation.OSDescription; }
    }

    private static string ReadGitCommit(string root)
    {
        var commit = Run("git", "rev-parse --short HEAD", root) ?? "unknown";
        var dirty = Run("git", "status --porcelain --untracked-files=no", root);
        return string.IsNullOrWhiteSpace(dirty) ? commit : commit + " (working tree has uncommitted changes)";
    }

    private static string? Run(string file, string args, string workingDirectory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return null; }
    }
}
