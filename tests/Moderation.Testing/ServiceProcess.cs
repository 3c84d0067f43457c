using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Moderation.Testing;

/// <summary>
/// A service (scanner or API) run as a real child process from its build output, so a test can
/// kill it without warning, exactly as a crash or an OOM kill would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _service;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private ServiceProcess(Process process, Uri baseAddress, string service, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        BaseAddress = baseAddress;
        _service = service;
        _environment = environment;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

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

    /// <summary>Starts <paramref name="service"/> and waits until it is ready, for <paramref name="readyWithin"/> (a minute unless told).</summary>
    public static Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string> environment, TimeSpan? readyWithin = null) =>
        StartAsync(service, environment, FreePort(), readyWithin);

    /// <summary>The same service with the same settings at the same address, as a supervisor restarts a crashed one (kill this one first).</summary>
    public Task<ServiceProcess> StartAgainAsync(TimeSpan? readyWithin = null) => StartAsync(_service, _environment, BaseAddress.Port, readyWithin);

    private static async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string> environment, int port, TimeSpan? readyWithin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath(service))!,
        };
        start.ArgumentList.Add(AssemblyPath(service));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // A service sees only the servers the test names, never those tests/run.sh exported for the tests.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new ServiceProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), service, environment);
        await process.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>SIGKILL: no shutdown hooks, unacknowledged messages stay with the broker.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer while starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout}:\n{Log}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The service's build output beside this test assembly's (same configuration).</summary>
    private static string AssemblyPath(string service)
    {
        var testOutput = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testOutput.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var root = FindRepositoryRoot(testOutput);
        var path = Path.Combine(root, "services", service, "bin", configuration, "net10.0", $"{service}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build {service} first (dotnet build Moderation.sln -c {configuration}); looked for {path}.");
    }

    public static string FindRepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Moderation.sln above {from}.");
    }
}
