using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage.Audit;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>
/// The registration workflow over the JSON API of the standalone host: an organizer applies, the
/// officer of the board's area requests changes, the organizer amends, the officer approves, the
/// forum publishes with the credentials it collected once, and is refused once suspended.
/// </summary>
public sealed class RegistrationWorkflowSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Apply_request_changes_amend_approve_publish_then_suspended_posts_are_refused()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");
        var form = RegistrationClient.Form("reg-1");

        var id = await RegistrationClient.SubmittedAsync(organizer, form);
        var submitted = await (await organizer.GetAsync($"/api/v1/registrations/{id}")).JsonAsync(HttpStatusCode.OK);
        var inbox = await (await officer.GetAsync("/api/v1/registration-reviews?status=Submitted")).JsonAsync(HttpStatusCode.OK);
        await RegistrationClient.DecideAsync(officer, id, "StartReview", "taken up");
        var changes = await RegistrationClient.DecideAsync(officer, id, "RequestChanges", "Describe who reviews held posts at night.");
        var amended = await organizer.PutAsJsonAsync($"/api/v1/registrations/{id}", form with { SecurityManagement = form.SecurityManagement + " At night two moderators on call review held posts within 30 minutes." });
        await (await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/submit", new { note = "night duty described" })).JsonAsync(HttpStatusCode.OK);
        await RegistrationClient.DecideAsync(officer, id, "StartReview", "taken up again");
        var approved = await RegistrationClient.DecideAsync(officer, id, "Approve", "in order");
        var credentials = await (await organizer.PostAsync($"/api/v1/registrations/{id}/credentials", null)).JsonAsync(HttpStatusCode.Created);
        var again = await organizer.PostAsync($"/api/v1/registrations/{id}/credentials", null);
        using var forum = _host.Anonymous().WithApiKey(credentials.GetProperty("apiKey").GetString()!);
        var first = await RegistrationClient.PostAsync(forum, "reg-1", "p-1");
        await RegistrationClient.DecideAsync(officer, id, "Suspend", "rectification overdue");
        var refused = await RegistrationClient.PostAsync(forum, "reg-1", "p-2");

        submitted.GetProperty("status").GetString().Should().Be("Submitted");
        submitted.GetProperty("reviewDueAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddDays(25)).And.BeBefore(DateTimeOffset.UtcNow.AddDays(33), "20 working days");
        inbox.EnumerateArray().Select(a => a.GetProperty("applicationId").GetString()).Should().Contain(id);
        changes.GetProperty("status").GetString().Should().Be("ChangesRequested");
        changes.GetProperty("next").EnumerateArray().Should().BeEmpty("the officer waits for the amendment");
        amended.StatusCode.Should().Be(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
        approved.GetProperty("status").GetString().Should().Be("Approved");
        approved.GetProperty("history").EnumerateArray().Select(e => $"{e.GetProperty("transition").GetString()} {e.GetProperty("actor").GetString()}: {e.GetProperty("reason").GetString()}")
            .Should().Equal(
                "Submit org-a: submitted",
                "StartReview off-bj: taken up",
                "RequestChanges off-bj: Describe who reviews held posts at night.",
                "Submit org-a: night duty described",
                "StartReview off-bj: taken up again",
                "Approve off-bj: in order");
        credentials.GetProperty("operatorId").GetString().Should().Be("op-91330106ma2h8kx1pf");
        credentials.GetProperty("verdictQueue").GetString().Should().Be("moderation.verdicts.op-91330106ma2h8kx1pf");
        credentials.GetProperty("brokerUser").ValueKind.Should().Be(JsonValueKind.Null, "the standalone host has no broker");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "credentials are shown once; new ones come by rotation");
        first.StatusCode.Should().Be(HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("suspended");
    }

    [Fact]
    public async Task Every_transition_is_in_the_audit_chain_and_told_to_the_organizer()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");

        var id = await RegistrationClient.ApprovedAsync(organizer, officer, RegistrationClient.Form("reg-audit"));
        var notices = await (await organizer.GetAsync("/api/v1/registrations/notices")).JsonAsync(HttpStatusCode.OK);
        var audit = _host.Factory.Services.GetRequiredService<AuditLog>();
        var rows = await audit.ListAsync(null, 100, $"application:{id}", CancellationToken.None);
        var verified = await audit.VerifyAsync(CancellationToken.None);

        rows.Select(r => $"{r.Action} {r.Actor}").Reverse().Should().Equal("registration.submit org-a", "registration.start-review off-bj", "registration.approve off-bj");
        rows.Last().DetailJson.Should().Contain("\"boardId\":\"reg-audit\"").And.Contain("\"reason\":\"submitted\"");
        verified.FirstBrokenSequence.Should().BeNull(verified.Problem);
        notices.EnumerateArray().Where(n => n.GetProperty("applicationId").GetString() == id).Select(n => n.GetProperty("subject").GetString())
            .Should().Equal("Board reg-audit: Approved", "Board reg-audit: UnderReview", "Board reg-audit: Submitted");
        notices[0].GetProperty("body").GetString().Should().Contain("Reason: security system and agreement in order").And.Contain("Collect its credentials");
    }

    [Fact]
    public async Task An_officer_of_another_area_can_neither_see_nor_decide_it_and_another_organizer_cannot_see_it()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var stranger = await _host.SignInAsync("organizer", "organizer-demo-1");
        using var guangdong = await _host.SignInAsync("off-gd");
        using var beijing = await _host.SignInAsync("off-bj");
        var id = await RegistrationClient.SubmittedAsync(organizer, RegistrationClient.Form("reg-area"));

        var seen = await guangdong.GetAsync($"/api/v1/registration-reviews/{id}");
        var decided = await guangdong.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "StartReview", reason = "mine?" });
        var listed = await (await guangdong.GetAsync("/api/v1/registration-reviews")).JsonAsync(HttpStatusCode.OK);
        var board = await guangdong.GetAsync("/api/v1/boards/reg-area");
        var otherOrganizer = await stranger.GetAsync($"/api/v1/registrations/{id}");
        var otherSubmit = await stranger.PostAsJsonAsync($"/api/v1/registrations/{id}/submit", new { });
        var organizerDecides = await organizer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "Approve", reason = "self" });

        seen.StatusCode.Should().Be(HttpStatusCode.NotFound);
        decided.StatusCode.Should().Be(HttpStatusCode.NotFound);
        listed.EnumerateArray().Should().BeEmpty();
        board.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherOrganizer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherSubmit.StatusCode.Should().Be(HttpStatusCode.NotFound);
        organizerDecides.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await beijing.GetAsync($"/api/v1/registration-reviews/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("Submitted");
    }

    [Fact]
    public async Task Wrong_fields_are_named_with_why_and_nothing_is_submitted()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");

        var bad = await organizer.PostAsJsonAsync("/api/v1/registrations", new { boardId = "reg-bad", creditCode = "91350100M000100Y44", kind = "Forum" });
        var draft = await (await organizer.PostAsJsonAsync("/api/v1/registrations", new { boardId = "reg-bad", boardName = "Half done" })).JsonAsync(HttpStatusCode.Created);
        var id = draft.GetProperty("applicationId").GetString();
        var incomplete = await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/submit", new { });
        await organizer.PutAsJsonAsync($"/api/v1/registrations/{id}", RegistrationClient.Form("reg-bad") with { DivisionCode = "130102" });
        var noDepartment = await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/submit", new { });
        var taken = await organizer.PostAsJsonAsync("/api/v1/registrations", new { boardId = "demo-board" });
        var foreignOperator = await organizer.PostAsJsonAsync("/api/v1/registrations", new { boardId = "reg-x", operatorId = "forum-demo" });
        var inbox = await (await officer.GetAsync("/api/v1/registration-reviews")).JsonAsync(HttpStatusCode.OK);

        var badErrors = (await bad.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        badErrors.GetProperty("creditCode")[0].GetString().Should().Be("check character (the 18th) is '4' but the first 17 characters give '3': a character was probably mistyped");
        badErrors.GetProperty("kind")[0].GetString().Should().Be("'Forum' is not a kind of board: use Bbs, ChatRoom or Newsgroup");
        var missing = (await incomplete.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        missing.EnumerateObject().Select(p => p.Name).Should().Contain(["creditCode", "divisionCode", "securityManagement", "agreementBindsUsersToSecrecyLaw"]).And.NotContain("boardId");
        (await noDepartment.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("divisionCode")[0].GetString().Should().Contain("not in the department directory");
        (await taken.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("boardId")[0].GetString().Should().Contain("already registered");
        (await foreignOperator.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("operatorId")[0].GetString().Should().Contain("another organizer's operator");
        inbox.EnumerateArray().Select(a => a.GetProperty("form").GetProperty("boardId").GetString()).Should().NotContain("reg-bad");
        (await officer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "Approve", reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft is the organizer's alone");
    }

    [Fact]
    public async Task A_decision_needs_a_reason_and_the_right_state()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");
        var id = await RegistrationClient.SubmittedAsync(organizer, RegistrationClient.Form("reg-state"));

        var early = await officer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "Approve", reason = "fast" });
        var silent = await officer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "StartReview", reason = " " });
        var unknown = await officer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition = "Bless", reason = "x" });

        (await early.JsonAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Be("cannot approve an application that is Submitted: only one that is UnderReview (it would become Approved)");
        (await silent.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().Should().StartWith("reason is required");
        (await unknown.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("transition")[0].GetString().Should().StartWith("'Bless' is not a decision");
    }

    [Fact]
    public async Task Rotation_keeps_the_old_key_through_the_overlap_and_revocation_ends_every_key()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");
        var id = await RegistrationClient.ApprovedAsync(organizer, officer, RegistrationClient.Form("reg-rot"));
        var first = await (await organizer.PostAsync($"/api/v1/registrations/{id}/credentials", null)).JsonAsync(HttpStatusCode.Created);
        using var oldKey = _host.Anonymous().WithApiKey(first.GetProperty("apiKey").GetString()!);

        var tooLong = await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/credentials/rotate", new { overlap = "30.00:00:00" });
        var rotated = await (await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/credentials/rotate", new { overlap = "00:00:03" })).JsonAsync(HttpStatusCode.Created);
        using var newKey = _host.Anonymous().WithApiKey(rotated.GetProperty("apiKey").GetString()!);
        var oldDuringOverlap = await RegistrationClient.PostAsync(oldKey, "reg-rot", "p-1");
        var newDuringOverlap = await RegistrationClient.PostAsync(newKey, "reg-rot", "p-2");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var oldAfter = await RegistrationClient.PostAsync(oldKey, "reg-rot", "p-3");
        var newAfter = await RegistrationClient.PostAsync(newKey, "reg-rot", "p-4");
        await RegistrationClient.DecideAsync(officer, id, "Suspend", "leak not reported");
        await RegistrationClient.DecideAsync(officer, id, "Revoke", "leak not reported within the order's deadline");
        var newAfterRevocation = await RegistrationClient.PostAsync(newKey, "reg-rot", "p-5");

        (await tooLong.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("overlap")[0].GetString().Should().Contain("between 00:00:00 and 7.00:00:00");
        rotated.GetProperty("previousValidUntil").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(3), TimeSpan.FromSeconds(5));
        oldDuringOverlap.StatusCode.Should().Be(HttpStatusCode.Accepted);
        newDuringOverlap.StatusCode.Should().Be(HttpStatusCode.Accepted);
        oldAfter.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        newAfter.StatusCode.Should().Be(HttpStatusCode.Accepted);
        newAfterRevocation.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the operator's last board was revoked, so its keys are");
    }

    [Fact]
    public async Task The_standalone_host_registers_its_demo_boards_through_the_workflow()
    {
        using var admin = await _host.SignInAsync("adm");

        var approved = await (await admin.GetAsync("/api/v1/boards/demo-board")).JsonAsync(HttpStatusCode.OK);
        var suspended = await (await admin.GetAsync("/api/v1/boards/demo-suspended")).JsonAsync(HttpStatusCode.OK);

        approved.GetProperty("board").GetProperty("status").GetString().Should().Be("Approved");
        approved.GetProperty("admissionStatus").GetString().Should().Be("Approved");
        approved.GetProperty("board").GetProperty("organizer").GetString().Should().Be("organizer");
        approved.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("transition").GetString()).Should().Equal("Submit", "StartReview", "Approve");
        suspended.GetProperty("admissionStatus").GetString().Should().Be("Suspended");
        suspended.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("transition").GetString()).Should().Equal("Submit", "StartReview", "Approve", "Suspend");
    }
}
