using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Scanner.Scanning;
using Moderation.Storage.Fingerprints;

namespace Moderation.Scanner.Tests.Scanning;

/// <summary>The scanner with protected documents registered in process (no Redis): the embedded, standalone mode.</summary>
public sealed class FingerprintScanningSpecs : IAsyncLifetime
{
    private const string Protected = """
        各参试单位：根据年度试验计划安排，青岚-7型设备第二阶段外场试验定于十一月中旬在北岭试验场组织实施。
        试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。
        试验原始数据一律使用专用存储介质记录，当日封存，由两名以上人员共同签字后交试验办公室保管。
        任何人不得以拍照、摄像或者抄录等方式私自留存试验数据，不得通过互联网传输试验相关材料。
        """;

    private readonly ScannerHarness _scanner = new();

    public Task InitializeAsync() => _scanner.InitializeAsync();

    public Task DisposeAsync() => _scanner.DisposeAsync();

    private async Task RegisterAsync()
    {
        var document = FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret).Compute("ql7-notice", "试验保障通知", Protected);
        var registration = await _scanner.Services.GetRequiredService<FingerprintRegistry>().RegisterAsync(document, "officer-1", CancellationToken.None);
        registration.Outcome.Should().Be(RegistrationOutcome.Created);
        // The first match compiles the match path; done here, so the consumer stays within the harness's patience.
        DetectionEngine.CreateDefault().Scan(new ScanInput(null, Protected), _scanner.Services.GetRequiredService<LiveFingerprintIndex>().Current);
    }

    [Fact]
    public async Task A_post_quoting_a_document_registered_in_process_is_held_with_a_fingerprint_reason()
    {
        await RegisterAsync();
        const string Body = "今天看到一个帖子，说是：试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。真的假的？";

        await _scanner.SubmitAsync(ScannerHarness.Post("fp-1", Body));

        var verdict = _scanner.Verdicts("fp-1").Should().ContainSingle().Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Hold);
        var reason = verdict.Reasons.Where(r => r.Rule != ScanResult.BasisRule).Should().ContainSingle().Subject;
        verdict.Reasons.Should().Contain(r => r.Rule == ScanResult.BasisRule, "a held post says why");
        reason.Rule.Should().Be("fingerprint:ql7-notice");
        reason.Category.Should().Be(RuleCategories.Fingerprint);
        reason.Similarity.Should().BeInRange(0.05, 1);
        // From the first to the last shared k-gram: inside the quotation, covering most of it.
        const string Quotation = "试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。";
        Quotation.Should().Contain(Body.Substring(reason.Start, reason.Length));
        reason.Length.Should().BeGreaterThan(Quotation.Length * 2 / 3);
        (await _scanner.CountAsync("review_cases", "fp-1")).Should().Be(1);
    }

    [Fact]
    public async Task Before_the_registration_the_same_post_is_published()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("fp-before", "转：试验原始数据一律使用专用存储介质记录，当日封存，由两名以上人员共同签字后交试验办公室保管。"));

        _scanner.Verdicts("fp-before").Should().ContainSingle().Which.Verdict.Action.Should().Be(VerdictAction.Publish);
    }

    [Fact]
    public async Task A_repost_of_the_document_is_removed_and_its_incident_keeps_none_of_the_copied_text()
    {
        await RegisterAsync();

        await _scanner.SubmitAsync(ScannerHarness.Post("fp-repost", "大家看看：\n" + Protected));

        var verdict = _scanner.Verdicts("fp-repost").Should().ContainSingle().Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Remove);
        verdict.Reasons.Select(r => r.Rule).Should().Contain(["fingerprint:ql7-notice", "simhash:ql7-notice"]);
        var excerpt = await _scanner.QuerySingleAsync<string>("SELECT masked_excerpt FROM incidents WHERE post_id = @postId", new { postId = "fp-repost" });
        excerpt.Should().NotContainAny("试验", "北岭", "青岚", "批次").And.Contain("＊");
    }
}
