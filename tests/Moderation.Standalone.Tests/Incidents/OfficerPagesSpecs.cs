using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage;
using Moderation.Storage.Boards;
using Moderation.Storage.Departments;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Verdicts.Incidents;

namespace Moderation.Standalone.Tests.Incidents;

/// <summary>The officers' pages: their jurisdiction's incidents, alerts for undelivered reports, acknowledgement.</summary>
public sealed class OfficerPagesSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_officer_sees_the_jurisdictions_incidents_with_an_alert_for_an_undelivered_report_and_acknowledges_one()
    {
        var services = _host.Factory.Services;
        await services.GetRequiredService<BoardRepository>().SaveAsync("hz-board", DemoData.OperatorId, "Hangzhou", "Bbs", "330106", BoardStatus.Approved, CancellationToken.None);
        // Chaoyang without any endpoint: its report cannot go anywhere and must raise an alert.
        var (chaoyang, _) = DepartmentFile.Parse("""{"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","parent":"bj","endpoints":[]}""");
        (await services.GetRequiredService<DepartmentRepository>().ImportAsync(chaoyang, CancellationToken.None)).Should().BeEmpty();
        var beijing = await OpenIncidentAsync(DemoData.ApprovedBoardId, "bj-1", "绝密★长期 ＊＊北京＊＊");
        var hangzhou = await OpenIncidentAsync("hz-board", "hz-1", "绝密★长期 ＊＊杭州＊＊");
        using var officer = await _host.SignInAsync("off-bj");

        var desk = await PollAsync(officer, "/officer", html => html.Contains("Undelivered notifications", StringComparison.Ordinal));
        var page = await officer.GetStringAsync($"/officer/incidents/{beijing}");
        var foreign = await officer.GetAsync($"/officer/incidents/{hangzhou}");
        var token = await ReviewHost.AntiforgeryTokenAsync(officer, $"/officer/incidents/{beijing}");
        var acknowledged = await officer.PostAsync($"/officer/incidents/{beijing}?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await officer.GetStringAsync($"/officer/incidents/{beijing}");

        desk.Should().Contain("＊＊北京＊＊").And.NotContain("＊＊杭州＊＊").And.Contain("No department endpoint for division 110105");
        page.Should().Contain("dead-lettered").And.Contain("Removed");
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        acknowledged.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Should().Contain("Acknowledged by off-bj");
        // Times are written for the viewer's zone (the page's script rewrites them), UTC in the title.
        foreach (var html in new[] { desk, page, after })
        {
            html.Should().MatchRegex("<time datetime=\"[0-9T:Z-]+\" title=\"[0-9 :-]+ UTC\" data-local-time>").And.NotContain("'UTC'");
        }

        after.Should().MatchRegex("Acknowledged by off-bj at <time datetime=");
    }

    [Fact]
    public async Task An_overdue_rectification_shows_on_the_orders_page_with_the_suspension_button()
    {
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        await new Moderation.Storage.Orders.OrderRepository(_host.Scratch.Database, past, Options.Create(new StorageOptions()))
            .IssueRectificationAsync("110000", DemoData.ApprovedBoardId, "Appoint a security officer", DateTimeOffset.UtcNow.AddDays(-1), "off-bj", CancellationToken.None);
        using var officer = await _host.SignInAsync("off-bj");

        var html = await officer.GetStringAsync("/officer/orders");

        html.Should().Contain("Appoint a security officer").And.Contain("overdue").And.Contain("Suspend the board");
        html.Should().MatchRegex("<td><time datetime=\"[0-9T:Z-]+\" title=\"[0-9 :-]+ UTC\" data-local-time>", "the deadline is shown in the viewer's zone");
    }

    private async Task<long> OpenIncidentAsync(string board, string postId, string excerpt)
    {
        var now = DateTimeOffset.UtcNow;
        var saved = await new ScanStore(_host.Scratch.Database, Options.Create(new StorageOptions())).SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = board, PostId = postId, Channel = "Bbs", AuthorId = "a", Body = "绝密★长期 …", SubmittedAt = now, ReceivedAt = now },
            Action = "Remove",
            Score = 0.97,
            ReasonsJson = "[]",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            Incident = new IncidentOpening
            {
                BoardId = board,
                PostId = postId,
                Source = "Scan",
                OpenedBy = "scanner",
                Score = 0.97,
                MaskedExcerpt = excerpt,
                DetectedAt = now,
                RemovalDetail = "Removed by the automatic scan.",
            },
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", "{}"),
        }, CancellationToken.None);
        return saved.IncidentId!.Value;
    }

    private static async Task<string> PollAsync(HttpClient http, string path, Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var html = "";
        while (DateTime.UtcNow < deadline)
        {
            html = await http.GetStringAsync(path);
            if (until(html))
            {
                return html;
            }

            await Task.Delay(100);
        }

        return html;
    }
}
