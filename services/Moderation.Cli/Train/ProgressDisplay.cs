using System.Diagnostics;
using System.Globalization;

namespace Moderation.Cli.Train;

/// <summary>
/// Shows the step a long command is on, on standard error so piped output stays clean. On a terminal
/// the current step's elapsed time ticks in place; otherwise each step is one line with its time.
/// </summary>
public sealed class ProgressDisplay : IProgress<string>, IDisposable
{
    private readonly TextWriter _error;
    private readonly string _command;
    private readonly bool _interactive;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _step = new();
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private string? _current;

    public ProgressDisplay(TextWriter error, string command)
    {
        _error = error;
        _command = command;
        _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (_interactive)
        {
            _timer = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }
    }

    public TimeSpan Elapsed => _total.Elapsed;

    public void Report(string value)
    {
        lock (_gate)
        {
            FinishStep();
            _current = value;
            _step.Restart();
            if (_interactive)
            {
                _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_command}: {value} …"));
            }
            else
            {
                _error.WriteLine($"{_command}: {value}");
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            FinishStep();
            _current = null;
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_command}: {_current} … {_step.Elapsed.TotalSeconds:F1} s"));
            }
        }
    }

    private void FinishStep()
    {
        if (_current is not null && _interactive)
        {
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\r{_command}: {_current} … {_step.Elapsed.TotalSeconds:F1} s"));
        }
    }
}
