using Moderation.Cli.Load;

namespace Moderation.Cli.Tests.Load;

public sealed class ScannerMemoryTests : IDisposable
{
    private readonly DirectoryInfo _proc = Directory.CreateTempSubdirectory("load-proc-");

    [Fact]
    public void Scanners_are_found_by_their_command_line_and_their_peak_and_last_rss_kept()
    {
        Process(101, "dotnet\0/srv/Moderation.Scanner.dll\0--urls\0http://127.0.0.1:5081\0", 150_000);
        Process(102, "dotnet\0/srv/Moderation.Api.dll\0", 99_000);
        Process(103, "dotnet\0/srv/Moderation.Scanner.dll\0", 300_000);
        File.WriteAllText(Path.Combine(_proc.FullName, "meminfo"), "not a process");

        var memory = new ScannerMemory([], "Moderation.Scanner.dll", _proc.FullName);
        memory.Sample();
        Process(101, "dotnet\0/srv/Moderation.Scanner.dll\0", 102_400);
        memory.Sample();

        memory.Pids.Should().BeEquivalentTo([101, 103]);
        memory.Result().Should().Equal(
            new ProcessMemory(101, "Moderation.Scanner.dll", 146.5, 100),
            new ProcessMemory(103, "Moderation.Scanner.dll", 293, 293));
    }

    [Fact]
    public void Given_pids_are_watched_and_a_process_that_ended_is_skipped()
    {
        Process(7, "anything\0", 2_048);

        var memory = new ScannerMemory([7, 8], "Moderation.Scanner.dll", _proc.FullName);
        memory.Sample();

        memory.Result().Should().ContainSingle().Which.Should().Be(new ProcessMemory(7, "anything", 2, 2));
    }

    public void Dispose() => _proc.Delete(recursive: true);

    private void Process(int pid, string commandLine, long rssKilobytes)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc.FullName, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(directory.FullName, "cmdline"), commandLine);
        File.WriteAllText(Path.Combine(directory.FullName, "status"), $"Name:\tdotnet\nVmPeak:\t  999999 kB\nVmRSS:\t  {rssKilobytes} kB\nThreads:\t12\n");
    }
}
