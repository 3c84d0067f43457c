using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Moderation.Benchmarks;

/// <summary>Adds the median and the MiB/s and Mchar/s columns to the default configuration.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(StatisticColumn.Median, new ThroughputColumn(characters: false), new ThroughputColumn(characters: true));
    }
}
