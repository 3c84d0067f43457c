namespace Moderation.Cli;

/// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
