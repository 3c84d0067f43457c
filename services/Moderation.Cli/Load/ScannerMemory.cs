using System.Globalization;

namespace Moderation.Cli.Load;

/// <summary>The resident memory of one scanner process over the run.</summary>
public sealed record ProcessMemory(int Pid, string Name, double PeakMegabytes, double LastMegabytes);

/// <summary>
/// Samples the resident set size (VmRSS in <c>/proc/&lt;pid&gt;/status</c>) of the scanner processes:
/// the pids given, or every process whose command line names the scanner. Linux only; elsewhere it
/// finds nothing and says so in the report.
/// </summary>
public sealed class ScannerMemory
{
    private readonly Dictionary<int, (string Name, double Peak, double Last)> _samples = [];
    private readonly IReadOnlyList<int> _pids;
    private readonly string _procRoot;

    public ScannerMemory(IReadOnlyList<int> pids, string processName, string procRoot = "/proc")
    {
        _procRoot = procRoot;
        _pids = pids.Count > 0 ? pids : Find(processName, procRoot);
    }

    public IReadOnlyList<int> Pids => _pids;

    /// <summary>Processes whose command line contains <paramref name="processName"/> (e.g. <c>Moderation.Scanner.dll</c>), this one excepted.</summary>
    public static IReadOnlyList<int> Find(string processName, string procRoot = "/proc")
    {
        if (!Directory.Exists(procRoot))
        {
            return [];
        }

        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(processName, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while it was being looked at.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Reads every watched process's resident memory once.</summary>
    public void Sample()
    {
        foreach (var pid in _pids)
        {
            if (ReadRssMegabytes(Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "status")) is not { } rss)
            {
                continue;
            }

            var name = _samples.TryGetValue(pid, out var before) ? before.Name : ReadName(pid);
            _samples[pid] = (name, Math.Max(before.Peak, rss), rss);
        }
    }

    public IReadOnlyList<ProcessMemory> Result() => [.. _samples.OrderBy(s => s.Key).Select(s => new ProcessMemory(s.Key, s.Value.Name, s.Value.Peak, s.Value.Last))];

    /// <summary>VmRSS from a /proc status file, in MB (1024 × 1024 bytes); null when the process is gone.</summary>
    public static double? ReadRssMegabytes(string statusFile)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return Math.Round(kilobytes / 1024.0, 1);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private string ReadName(int pid)
    {
        try
        {
            var args = File.ReadAllText(Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return args.Select(Path.GetFileName).FirstOrDefault(a => a is not null && a.EndsWith(".dll", StringComparison.Ordinal)) ?? args.FirstOrDefault() ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
