using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;

namespace Moderation.Integration.Tests;

/// <summary>The distributed API and scanner processes: HTTP ingest goes through the broker to the scanner.</summary>
[Collection(PipelineCollection.Name)]
public sealed class HttpIngestSpecs : PipelineSpecs
{
    [Fact]
    public async Task A_post_submitted_over_http_is_scanned_by_the_scanner_service_and_its_verdict_can_be_read_back()
    {
        var api = await Pipeline.StartApiAsync();
        await Pipeline.StartScannerAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.ForumKey);
        await using var forum = await Pipeline.ConnectForumAsync();

        var response = await http.PostAsJsonAsync("/api/v1/posts", Posts.Create(Pipeline.BoardId, "via-http", "绝密★长期 内部资料"), WireFormat.Options);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(60));
        ForumClient.Text(verdicts.Should().ContainSingle(Pipeline.ServiceLogs).Subject, "action").Should().Be("Remove");
        using var status = JsonDocument.Parse(await http.GetStringAsync(response.Headers.Location));
        status.RootElement.GetProperty("status").GetString().Should().Be("scanned");
        status.RootElement.GetProperty("action").GetString().Should().Be("Remove");
    }
}
