using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Moderation.Deployment.Tests.Support;

/// <summary>
/// A service published with its Dockerfile's command and run as that image runs it: from a copy
/// no one can write to, as a user other than root (nobody, when the tests run as root), with the
/// image's environment and a private writable temporary directory standing in for the /tmp volume.
/// </summary>
internal static class PublishedService
{
    private static readonly SemaphoreSlim OnePublishAtATime = new(1, 1);

    /// <summary>
    /// Publishes with exactly the Dockerfile's RUN command into a directory of its own under
    /// <paramref name="root"/>, then makes it read-only; returns the published directory.
    /// </summary>
    public static async Task<string> PublishReadOnlyAsync(Dockerfile dockerfile, string root)
    {
        await OnePublishAtATime.WaitAsync();
        try
        {
            return await PublishIntoAsync(dockerfile, Directory.CreateDirectory(Path.Combine(root, dockerfile.Name)).FullName);
        }
        finally
        {
            OnePublishAtATime.Release();
        }
    }

    private static async Task<string> PublishIntoAsync(Dockerfile dockerfile, string imageDirectory)
    {
        // Reachable by the user the service runs as.
        File.SetUnixFileMode(Path.GetDirectoryName(imageDirectory)!, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(imageDirectory, (UnixFileMode)0b111_101_101);
        var output = Path.Combine(imageDirectory, "out");
        var command = dockerfile.PublishCommand.Concat([output]).ToList();
        var result = await Commands.RunAsync(Repository.File(command[0]), command.Skip(1), Repository.Root, TimeSpan.FromMinutes(15));
        result.ExitCode.Should().Be(0, $"{string.Join(' ', command)} failed:\n{result}");

        // The image's /app: readable and executable by all, writable by no one.
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        foreach (var directory in Directory.EnumerateDirectories(output, "*", SearchOption.AllDirectories).Append(output))
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b101_101_101);
        }

        return output;
    }

    /// <summary>Starts the published output as the image's entrypoint does, on a free port.</summary>
    public static RunningService Start(Dockerfile dockerfile, string app, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var port = FreePort();
        var temp = Directory.CreateTempSubdirectory($"moderation-tmp-{dockerfile.Name}-").FullName;
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "setpriv" : dockerfile.Entrypoint[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app,
        };
        if (asRoot)
        {
            // nobody:nogroup, no supplementary groups, and no way back to more privileges.
            foreach (var argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--no-new-privs", dockerfile.Entrypoint[0]])
            {
                start.ArgumentList.Add(argument);
            }

            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Chown(temp, 65534);
        }

        foreach (var argument in dockerfile.Entrypoint.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the image and the chart give the container, not the test host's environment.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = asRoot ? "/nonexistent" : temp;
        start.Environment["TMPDIR"] = temp;
        foreach (var (name, value) in dockerfile.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return new RunningService(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), asRoot ? "nobody" : Environment.UserName, temp);
    }

    private static void Chown(string path, int uid)
    {
        using var chown = Process.Start("chown", [$"{uid}:{uid}", path]);
        chown.WaitForExit();
        chown.ExitCode.Should().Be(0, $"chown {uid} {path}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A published service's process; its output is kept for the failure message.</summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _temp;

    public RunningService(Process process, Uri baseAddress, string user, string temp)
    {
        _process = process;
        _temp = temp;
        BaseAddress = baseAddress;
        User = user;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string User { get; }

    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Polls a health endpoint until it answers 200; fails with the service's log otherwise.</summary>
    public async Task<HttpStatusCode> WaitForAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            _process.HasExited.Should().BeFalse($"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                last = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return last.Value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{path} did not answer 200 within {timeout} (last: {last}):\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}

/// <summary>
/// The images of one test class, each published once and on first use, in a directory of their own
/// that goes away with the class.
/// </summary>
public sealed class PublishedImages : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("moderation-images-").FullName;
    private readonly Dictionary<string, Task<string>> _published = [];

    internal Task<string> GetAsync(Dockerfile dockerfile)
    {
        lock (_published)
        {
            if (!_published.TryGetValue(dockerfile.Name, out var publishing))
            {
                publishing = PublishedService.PublishReadOnlyAsync(dockerfile, _root);
                _published[dockerfile.Name] = publishing;
            }

            return publishing;
        }
    }

    public void Dispose()
    {
        // Writable again first, so that a user other than root may delete what it made read-only.
        foreach (var directory in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }

        Directory.Delete(_root, recursive: true);
    }
}
