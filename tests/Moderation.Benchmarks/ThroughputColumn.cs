using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Moderation.Benchmarks;

/// <summary>
/// Throughput of a benchmark marked with <see cref="ScannedCharactersAttribute"/>: MiB/s of input
/// as it lies in memory, UTF-16 (two bytes per character), and millions of characters per second,
/// from the median time of one invocation (the median, because on a shared machine the mean takes
/// in every time the benchmark was not running).
/// </summary>
internal sealed class ThroughputColumn(bool characters) : IColumn
{
    public string Id => characters ? "Throughput.MChars" : "Throughput.MiB";

    public string ColumnName => characters ? "Mchar/s" : "MiB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => characters ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => characters
        ? "Millions of characters scanned per second, from the median"
        : "Input scanned per second, as UTF-16 in memory (2 bytes per character), in MiB, from the median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        int? count = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ScannedCharactersAttribute>()?.Count;
        double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (count is null || nanoseconds is null or <= 0)
        {
            return "-";
        }

        double perSecond = count.Value / (nanoseconds.Value / 1e9);
        return characters
            ? (perSecond / 1e6).ToString("N0", CultureInfo.InvariantCulture)
            : (perSecond * sizeof(char) / (1024 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
