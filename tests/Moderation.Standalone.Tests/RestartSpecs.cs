using System.Net;
using System.Net.Http.Json;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>The standalone process itself, killed without warning and started again on the same data.</summary>
public sealed class RestartSpecs
{
    [Fact]
    public async Task Posts_accepted_over_http_survive_a_killed_process()
    {
        const int count = 200;
        var directory = Directory.CreateTempSubdirectory("moderation-standalone-");
        try
        {
            var environment = TestCredentials.With(new Dictionary<string, string> { ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(directory.FullName, "moderation.db")}" });
            var first = await ServiceProcess.StartAsync("Moderation.Standalone", environment);
            using (var http = new HttpClient { BaseAddress = first.BaseAddress }.WithApiKey(TestCredentials.ForumKey))
            {
                for (var i = 0; i < count; i++)
                {
                    var response = await http.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post($"k-{i}", i % 2 == 0 ? "普通的帖子" : "机密★10年 附件"), WireFormat.Options);
                    response.StatusCode.Should().Be(HttpStatusCode.Accepted);
                }
            }

            await first.DisposeAsync();

            await using var second = await ServiceProcess.StartAsync("Moderation.Standalone", environment);
            using var again = new HttpClient { BaseAddress = second.BaseAddress }.WithApiKey(TestCredentials.ForumKey);
            for (var i = 0; i < count; i++)
            {
                var status = await PostsApiSpecs.PollScannedAsync(again, $"/api/v1/boards/demo-board/posts/k-{i}");
                status.GetProperty("status").GetString().Should().Be("scanned", $"post k-{i} was accepted before the kill\n{second.Log}");
                status.GetProperty("action").GetString().Should().BeOneOf(i % 2 == 0 ? ["Publish"] : ["Hold", "Remove"]);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
