namespace Moderation.Benchmarks;

/// <summary>How many characters one invocation of the benchmark scans, for <see cref="ThroughputColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ScannedCharactersAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}
