using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Moderation.Contracts;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace Moderation.Integration.Tests;

/// <summary>
/// Protected documents on the real servers: registered over HTTP at the API, seen by every scanner
/// at once through the Redis mirror, and loaded by a scanner that starts later, from Redis or the database.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class FingerprintPipelineSpecs : PipelineSpecs
{
    // Fictional. The services of the pipeline use the default (demo) fingerprint secret, so does the officer here.
    private const string Protected = """
        关于做好青岚-7型设备外场试验保障工作的通知
        各参试单位：根据年度试验计划安排，青岚-7型设备第二阶段外场试验定于十一月中旬在北岭试验场组织实施。
        试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。
        北岭试验场周边二十公里范围内的气象观测点须提前一周进入加密观测状态，每三小时上报一次风速和能见度数据。
        运输车队统一于夜间通行，沿途不得停靠非指定地点，车辆篷布须全程遮盖。
        试验原始数据一律使用专用存储介质记录，当日封存，由两名以上人员共同签字后交试验办公室保管。
        任何人不得以拍照、摄像或者抄录等方式私自留存试验数据，不得通过互联网传输试验相关材料。
        """;

    private static readonly string[] Quotations =
    [
        "试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。",
        "运输车队统一于夜间通行，沿途不得停靠非指定地点，车辆篷布须全程遮盖。试验原始数据一律使用专用存储介质记录，当日封存。",
        "北岭试验场周边二十公里范围内的气象观测点须提前一周进入加密观测状态，每三小时上报一次风速和能见度数据。",
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_document_registered_at_the_api_is_matched_at_once_by_whichever_of_two_scanners_takes_a_post()
    {
        const int count = 60;
        var api = await Pipeline.StartApiAsync();
        await Pipeline.StartScannerAsync();
        await Pipeline.StartScannerAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        await using var forum = await Pipeline.ConnectForumAsync();

        var registered = await RegisterAsync(http);
        // Straight after the 201: no waiting for anything to propagate.
        for (var i = 0; i < count; i++)
        {
            await forum.PublishAsync(Posts.Create(Pipeline.BoardId, $"quote-{i:D3}", $"楼主转的这段是真的吗？{Quotations[i % Quotations.Length]}看着像内部的东西。"));
        }

        var verdicts = await ReadVerdictsAsync(count);

        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        verdicts.Should().HaveCount(count, Pipeline.ServiceLogs);
        foreach (var (verdict, _) in verdicts)
        {
            verdict.Action.Should().BeOneOf([VerdictAction.Hold, VerdictAction.Remove], $"post {verdict.PostId} quotes the document\n{Pipeline.ServiceLogs}");
            verdict.Reasons.Should().Contain(r => r.Rule == "fingerprint:ql7-notice" && r.Category == "fingerprint" && r.Similarity > 0, verdict.PostId);
        }

        // A verdict whose scanner was slow to send (a loaded machine) may be sent by an Api's outbox relay
        // instead, from the Api's bus; its scan, and so its match, is still a scanner's.
        verdicts.Select(v => v.Scanner).Where(s => s.Contains("ModerationScanner", StringComparison.Ordinal)).Distinct()
            .Should().HaveCount(2, "both scanners took posts, and both matched them");
    }

    [Fact]
    public async Task A_scanner_started_later_loads_the_documents_from_the_mirror_or_when_the_mirror_is_gone_from_the_database()
    {
        var api = await Pipeline.StartApiAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        (await RegisterAsync(http)).StatusCode.Should().Be(HttpStatusCode.Created);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var documentsKey = MirrorPrefix() + ":documents";
        (await redis.GetDatabase().HashExistsAsync(documentsKey, "ql7-notice")).Should().BeTrue("the API published the registration to the mirror");

        // Redis lost its data (a restart without persistence): the scanner falls back to the database and rebuilds the mirror.
        await redis.GetDatabase().KeyDeleteAsync(documentsKey);
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "after-restart", $"转：{Quotations[0]}"));

        var verdict = (await ReadVerdictsAsync(1)).Should().ContainSingle(Pipeline.ServiceLogs).Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Hold);
        verdict.Reasons.Where(r => r.Rule != "decision").Should().ContainSingle().Which.Rule.Should().Be("fingerprint:ql7-notice");
        (await redis.GetDatabase().HashExistsAsync(documentsKey, "ql7-notice")).Should().BeTrue("the scanner rebuilt the mirror from the database");
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient http)
    {
        var file = FingerprintFile.Write(FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret).Compute("ql7-notice", "试验保障通知", Protected));
        return await http.PostAsync(new Uri("/api/v1/fingerprints", UriKind.Relative), new StringContent(file, Encoding.UTF8, "application/json"));
    }

    private string MirrorPrefix() => FingerprintsRegistration.DefaultMirrorPrefix(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = Pipeline.Database.ConnectionString })
        .Build());

    /// <summary>Verdicts from the operator's queue, with the scanner that sent each: MassTransit names the sending bus, one per process.</summary>
    private async Task<List<(PostVerdict Verdict, string Scanner)>> ReadVerdictsAsync(int count)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Pipeline.OperatorUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        var received = new List<(PostVerdict, string)>();
        var deadline = DateTime.UtcNow + Patience;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            await using var channel = await connection.CreateChannelAsync();
            BasicGetResult? message;
            try
            {
                message = await channel.BasicGetAsync(Pipeline.VerdictQueue, autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                message = null; // The queue appears with the first verdict.
            }

            if (message is null)
            {
                await Task.Delay(50);
                continue;
            }

            var verdict = JsonSerializer.Deserialize<PostVerdict>(message.Body.Span, WireFormat.Options)!;
            received.Add((verdict, Header(message.BasicProperties, "MT-Source-Address")));
        }

        return received;
    }

    private static string Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => "", _ => value.ToString() ?? "" }
            : throw new InvalidOperationException($"The verdict carries no {name} header.");
}
