using System.Net;
using Moderation.Integration.Tests.Support;

namespace Moderation.Integration.Tests;

/// <summary>
/// Readiness follows the broker: a running scanner whose broker connection is cut answers 503 on
/// <c>/health/ready</c> (while <c>/health/live</c> stays 200, so it is not restarted), and once the
/// connection can be made again it reconnects by itself, is ready again and scans.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BrokerLossSpecs : PipelineSpecs
{
    [Fact]
    public async Task A_scanner_that_loses_the_broker_goes_unready_and_recovers_by_itself()
    {
        await using var link = BrokerLink.To(Pipeline.VirtualHost.ServiceUrl);
        var scanner = await Pipeline.StartScannerAsync(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = link.Through(Pipeline.VirtualHost.ServiceUrl),
        });
        using var http = new HttpClient { BaseAddress = scanner.BaseAddress };
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        link.Cut();
        var unready = await WaitForAsync(http, "/health/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        var live = await http.GetAsync("/health/live");

        link.Restore();
        var ready = await WaitForAsync(http, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(120));
        await using var forum = await Pipeline.ConnectForumAsync();
        await forum.PublishAsync(Posts.Mixed(Pipeline.BoardId, 1));
        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(60));

        unready.Should().BeTrue("the scanner cannot consume without its broker connection\n" + Pipeline.ServiceLogs);
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine: restarting it would not help");
        ready.Should().BeTrue("the bus reconnects by itself once the broker can be reached\n" + Pipeline.ServiceLogs);
        verdicts.Should().ContainSingle(Pipeline.ServiceLogs);
    }

    private static async Task<bool> WaitForAsync(HttpClient http, string path, HttpStatusCode status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(path)).StatusCode == status)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering at all is not the answer waited for.
            }

            await Task.Delay(250);
        }

        return false;
    }
}
