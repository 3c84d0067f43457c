namespace Moderation.Integration.Tests;

/// <summary>
/// The pipeline tests run one after another: each starts real service processes, and on two cores
/// running them side by side would only make each slower and their timings less telling.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineCollection
{
    public const string Name = "pipeline";
}
