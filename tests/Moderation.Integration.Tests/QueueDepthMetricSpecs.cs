using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;

namespace Moderation.Integration.Tests;

/// <summary>
/// The services do not poll queue depths; the dashboard reads them from the broker's own exporter.
/// This checks, on the real broker, that the series the dashboard charts exists under that name and
/// counts the posts waiting in the scanners' queue.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed partial class QueueDepthMetricSpecs : PipelineSpecs
{
    [Fact]
    public async Task The_brokers_exporter_counts_the_posts_waiting_for_a_scanner_under_the_name_the_dashboard_charts()
    {
        const int waiting = 25;
        // A scanner declares its queue; stopped, it leaves the posts published afterwards waiting there.
        var scanner = await Pipeline.StartScannerAsync();
        await scanner.KillAsync();
        await using (var forum = await Pipeline.ConnectForumAsync())
        {
            for (var i = 0; i < waiting; i++)
            {
                await forum.PublishAsync(Posts.Mixed(Pipeline.BoardId, i));
            }
        }

        string metric = DashboardQueueDepthMetric();
        using var http = new HttpClient();
        var url = $"{TestServers.RabbitMqPrometheus}/metrics/detailed?family=queue_coarse_metrics&vhost={Uri.EscapeDataString(Pipeline.VirtualHost.Name)}";
        double? depth = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // The exporter's figures come from the broker's periodic statistics: wait for them to catch up.
        while (depth != waiting && DateTime.UtcNow < deadline)
        {
            depth = Sample(await http.GetStringAsync(url), metric, "post-submitted");
            if (depth != waiting)
            {
                await Task.Delay(500);
            }
        }

        depth.Should().Be(waiting, $"{metric} for queue post-submitted at {url}");
    }

    /// <summary>The metric of the dashboard's queue-depth panel, as shipped in the chart.</summary>
    private static string DashboardQueueDepthMetric()
    {
        var root = ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "helm", "moderation", "dashboards", "moderation-overview.json")));
        var panel = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Single(p => p.GetProperty("title").GetString()!.StartsWith("Queue depth", StringComparison.Ordinal));
        var expression = panel.GetProperty("targets")[0].GetProperty("expr").GetString()!;
        return MetricName().Match(expression).Groups["name"].Value;
    }

    /// <summary>The value of <paramref name="metric"/> for <paramref name="queue"/> in a Prometheus text exposition, if present.</summary>
    private static double? Sample(string exposition, string metric, string queue)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains($"queue=\"{queue}\"", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\((?<name>rabbitmq_[a-z_]+)\{")]
    private static partial Regex MetricName();
}
