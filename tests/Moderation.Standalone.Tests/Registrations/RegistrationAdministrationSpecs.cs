using System.Net;
using System.Net.Http.Json;
using Moderation.Standalone.Tests.Review;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>Boards and operators listed, searched and exported by administrators and by officers for their area; a board with its history and orders.</summary>
public sealed class RegistrationAdministrationSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Boards_are_listed_searched_and_exported_within_the_callers_area()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var beijing = await _host.SignInAsync("off-bj");
        using var guangdong = await _host.SignInAsync("off-gd");
        using var admin = await _host.SignInAsync("adm");
        await RegistrationClient.ApprovedAsync(organizer, beijing, RegistrationClient.Form("adm-1"));
        await RegistrationClient.SubmittedAsync(organizer, RegistrationClient.Form("adm-2", creditCode: "91350100M000100Y43") with { OrganizingUnit = "Minjiang Newsgroup Co.", Kind = "Newsgroup" });

        var all = await (await admin.GetAsync("/api/v1/boards")).JsonAsync(HttpStatusCode.OK);
        var approved = await (await beijing.GetAsync("/api/v1/boards?status=Approved,Suspended")).JsonAsync(HttpStatusCode.OK);
        var found = await (await beijing.GetAsync("/api/v1/boards?q=minjiang")).JsonAsync(HttpStatusCode.OK);
        var foreign = await (await guangdong.GetAsync("/api/v1/boards")).JsonAsync(HttpStatusCode.OK);
        var operators = await (await beijing.GetAsync("/api/v1/operators")).JsonAsync(HttpStatusCode.OK);
        var csv = await beijing.GetAsync("/api/v1/boards?format=csv&q=adm-");
        var wrongStatus = await beijing.GetAsync("/api/v1/boards?status=Pending");

        all.EnumerateArray().Select(b => b.GetProperty("boardId").GetString()).Should().BeEquivalentTo("demo-board", "demo-suspended", "adm-1", "adm-2");
        approved.EnumerateArray().Select(b => $"{b.GetProperty("boardId").GetString()} {b.GetProperty("status").GetString()}")
            .Should().BeEquivalentTo("demo-board Approved", "demo-suspended Suspended", "adm-1 Approved");
        found.EnumerateArray().Select(b => b.GetProperty("boardId").GetString()).Should().Equal("adm-2");
        foreign.EnumerateArray().Should().BeEmpty("no board lies in Guangdong");
        operators.EnumerateArray().Select(o => $"{o.GetProperty("operatorId").GetString()}: {string.Join(' ', o.GetProperty("boards").EnumerateArray().Select(b => b.GetString()))} ({o.GetProperty("approvedBoards").GetInt32()} approved)")
            .Should().BeEquivalentTo("forum-demo: demo-board demo-suspended (1 approved)", "op-91330106ma2h8kx1pf: adm-1 (1 approved)", "op-91350100m000100y43: adm-2 (0 approved)");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("boardId,boardName,kind,address,status,divisionCode,operatorId,organizingUnit,creditCode");
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().BeEquivalentTo("adm-1", "adm-2");
        lines.Should().Contain(l => l.StartsWith("adm-2,Board adm-2,Newsgroup,", StringComparison.Ordinal) && l.Contains(",Minjiang Newsgroup Co.,91350100M000100Y43,", StringComparison.Ordinal));
        (await wrongStatus.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("status")[0].GetString().Should().StartWith("'Pending' is not a status");
    }

    [Fact]
    public async Task A_boards_page_shows_its_status_history_and_orders()
    {
        using var officer = await _host.SignInAsync("off-bj");
        await _host.OpenCaseAsync("adm-post");
        var rectification = await officer.PostAsJsonAsync("/api/v1/rectifications", new { boardId = "demo-board", requirements = "Publish the user agreement", deadline = DateTimeOffset.UtcNow.AddDays(5) });
        var takedown = await officer.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "demo-board", postId = "adm-post" } }, deadline = DateTimeOffset.UtcNow.AddDays(1), reason = "Art. 15" });

        var detail = await (await officer.GetAsync("/api/v1/boards/demo-board")).JsonAsync(HttpStatusCode.OK);

        rectification.StatusCode.Should().Be(HttpStatusCode.Created, await rectification.Content.ReadAsStringAsync());
        takedown.StatusCode.Should().Be(HttpStatusCode.Created, await takedown.Content.ReadAsStringAsync());
        detail.GetProperty("board").GetProperty("status").GetString().Should().Be("Approved");
        detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("toStatus").GetString()).Should().Equal("Submitted", "UnderReview", "Approved");
        detail.GetProperty("rectifications").EnumerateArray().Select(o => o.GetProperty("requirements").GetString()).Should().Equal("Publish the user agreement");
        detail.GetProperty("takedowns").EnumerateArray().Select(o => o.GetProperty("reason").GetString()).Should().Equal("Art. 15");
        detail.GetProperty("incidents").GetArrayLength().Should().Be(0);
    }
}
