namespace Moderation.DefaultModel;

/// <summary>Training's steps as lines in the build log, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    public void Report(string value) => Console.WriteLine($"default model: {value}");
}
