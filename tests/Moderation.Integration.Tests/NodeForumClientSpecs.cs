using Moderation.Testing;
using System.Diagnostics;
using System.Text.Json;
using Moderation.Integration.Tests.Support;

namespace Moderation.Integration.Tests;

/// <summary>A forum written in Node.js (amqplib, plain JSON) publishes a post and receives its verdict.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NodeForumClientSpecs : PipelineSpecs
{
    [Fact]
    public async Task A_node_forum_publishes_plain_json_and_receives_its_verdict()
    {
        await Pipeline.StartScannerAsync();
        var script = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "tests", "clients", "node", "publish-and-await-verdict.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            script,
            "--url", Pipeline.OperatorUrl,
            "--board", Pipeline.BoardId,
            "--post", "from-node",
            "--title", "转发",
            "--body", "密级：秘密 保密期限：5年 内部资料",
            "--user-id", Pipeline.OperatorUser,
            "--verdict-queue", Pipeline.VerdictQueue,
            "--timeout", "60",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        node.ExitCode.Should().Be(0, $"{await error}\n{Pipeline.ServiceLogs}");
        using var verdict = JsonDocument.Parse(await output);
        verdict.RootElement.GetProperty("boardId").GetString().Should().Be(Pipeline.BoardId);
        verdict.RootElement.GetProperty("postId").GetString().Should().Be("from-node");
        verdict.RootElement.GetProperty("action").GetString().Should().BeOneOf("Hold", "Remove");
        verdict.RootElement.GetProperty("reasons").EnumerateArray().Should().NotBeEmpty();
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE post_id = 'from-node'")).Should().Be(1);
    }
}
