using Dapper;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.Registrations;
using Moderation.Api.Registrations.Rules;
using Moderation.Storage.Accounts;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>The registration tables (migration 0009) and the forum keys' overlap, on SQLite and PostgreSQL alike.</summary>
public abstract class RegistrationStorageSpecs : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private RegistrationStore Store => new(_scratch.Database, new AuditLog(_scratch.Database, _time), _time);

    private ApiKeyRepository Keys => new(_scratch.Database, _time);

    [Fact]
    public async Task A_submission_creates_operator_and_board_with_history_notice_and_audit_in_one_go()
    {
        var draft = await Store.CreateDraftAsync("org-a", RegistrationClient.Form("s-1"), CancellationToken.None);

        var moved = await Store.TransitionAsync(draft, Transition.Submit, ApplicationStatus.Submitted, "org-a", "submitted", Start.AddDays(28), ("Board s-1: Submitted", "body"), CancellationToken.None);
        var stale = await Store.TransitionAsync(draft, Transition.Submit, ApplicationStatus.Submitted, "org-a", "again", null, ("x", "y"), CancellationToken.None);

        moved.Should().BeTrue();
        stale.Should().BeFalse("the application moved on since this copy was read");
        var stored = (await Store.FindAsync(draft.ApplicationId, CancellationToken.None))!;
        stored.Status.Should().Be(ApplicationStatus.Submitted);
        stored.Version.Should().Be(2);
        stored.SubmittedAt.Should().Be(Start);
        stored.ReviewDueAt.Should().Be(Start.AddDays(28));
        stored.Form.Should().BeEquivalentTo(RegistrationClient.Form("s-1"));
        var board = (await new BoardRepository(_scratch.Database, _time).FindAsync("s-1", CancellationToken.None))!;
        board.Status.Should().Be(BoardStatus.Submitted);
        board.OperatorId.Should().Be("op-91330106ma2h8kx1pf");
        board.Channel.Should().Be("Bbs");
        board.DivisionCode.Should().Be("110105");
        (await Store.HistoryAsync(draft.ApplicationId, CancellationToken.None)).Should().ContainSingle().Which.Reason.Should().Be("submitted");
        (await Store.NoticesAsync("org-a", 10, CancellationToken.None)).Should().ContainSingle().Which.Subject.Should().Be("Board s-1: Submitted");
        (await new AuditLog(_scratch.Database, _time).ListAsync(null, 10, $"application:{draft.ApplicationId}", CancellationToken.None)).Should().ContainSingle().Which.Action.Should().Be("registration.submit");
    }

    [Fact]
    public async Task Officers_list_their_area_only_never_drafts_and_search_finds_unit_code_and_board()
    {
        await SubmittedAsync("org-a", RegistrationClient.Form("bj-1"));
        await SubmittedAsync("org-a", RegistrationClient.Form("sz-1", creditCode: "91350100M000100Y43") with { DivisionCode = "440305", OrganizingUnit = "Shenzhen Chat Ltd." });
        await Store.CreateDraftAsync("org-a", RegistrationClient.Form("bj-draft"), CancellationToken.None);

        var beijing = await Store.ListForAreaAsync("110000", [], null, 100, CancellationToken.None);
        var everywhere = await Store.ListForAreaAsync("100000", [], null, 100, CancellationToken.None);
        var byUnit = await Store.ListForAreaAsync("100000", [], "SHENZHEN chat", 100, CancellationToken.None);
        var byCode = await Store.ListForAreaAsync("100000", [], "91350100m", 100, CancellationToken.None);
        var approvedOnly = await Store.ListForAreaAsync("100000", [ApplicationStatus.Approved], null, 100, CancellationToken.None);
        var submittedOnly = await Store.ListForAreaAsync("100000", [ApplicationStatus.Submitted, ApplicationStatus.UnderReview], null, 100, CancellationToken.None);

        beijing.Select(a => a.BoardId).Should().Equal("bj-1");
        everywhere.Select(a => a.BoardId).Should().BeEquivalentTo("bj-1", "sz-1");
        byUnit.Select(a => a.BoardId).Should().Equal("sz-1");
        byCode.Select(a => a.BoardId).Should().Equal("sz-1");
        approvedOnly.Should().BeEmpty();
        submittedOnly.Should().HaveCount(2);
    }

    [Fact]
    public async Task Board_ids_and_operators_are_claimed_once()
    {
        var first = await SubmittedAsync("org-a", RegistrationClient.Form("claim-1", operatorId: "op-claim"));

        (await Store.BoardIdTakenAsync("claim-1", "app-other", CancellationToken.None)).Should().BeTrue();
        (await Store.BoardIdTakenAsync("claim-1", first.ApplicationId, CancellationToken.None)).Should().BeFalse("an application does not collide with itself");
        (await Store.BoardIdTakenAsync("claim-2", "app-other", CancellationToken.None)).Should().BeFalse();
        (await Store.OperatorTakenAsync("op-claim", "org-b", CancellationToken.None)).Should().BeTrue();
        (await Store.OperatorTakenAsync("op-claim", "org-a", CancellationToken.None)).Should().BeFalse("the organizer's own operator serves its next board too");
    }

    [Fact]
    public async Task A_rotated_key_works_until_its_overlap_ends_and_revocation_ends_every_key()
    {
        await SubmittedAsync("org-a", RegistrationClient.Form("keys-1", operatorId: "op-keys"));
        var oldKey = ApiKeySecret.Generate();
        var newKey = ApiKeySecret.Generate();
        await Keys.IssueForOperatorAsync("op-keys", "forum:op-keys:1", oldKey, null, "org-a", CancellationToken.None);

        await Keys.IssueForOperatorAsync("op-keys", "forum:op-keys:2", newKey, Start.AddHours(1), "org-a", CancellationToken.None);
        var bothDuringOverlap = (await Keys.FindActiveAsync(oldKey, CancellationToken.None), await Keys.FindActiveAsync(newKey, CancellationToken.None));
        _time.Advance(TimeSpan.FromHours(1));
        var oldAfter = await Keys.FindActiveAsync(oldKey, CancellationToken.None);
        var active = await Keys.ListActiveForOperatorAsync("op-keys", CancellationToken.None);
        var revoked = await Keys.RevokeOperatorAsync("op-keys", CancellationToken.None);

        bothDuringOverlap.Item1!.ValidUntil.Should().Be(Start.AddHours(1));
        bothDuringOverlap.Item2!.ValidUntil.Should().BeNull();
        oldAfter.Should().BeNull();
        active.Select(k => k.Name).Should().Equal("forum:op-keys:2");
        revoked.Should().Be(2, "both rows, the expired one included, are marked revoked");
        (await Keys.FindActiveAsync(newKey, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task An_operator_keeps_credentials_while_one_board_is_approved_or_suspended()
    {
        var application = await SubmittedAsync("org-a", RegistrationClient.Form("keep-1", operatorId: "op-keep"));
        var before = await Store.OperatorKeepsCredentialsAsync("op-keep", CancellationToken.None);
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE boards SET status = 'Suspended' WHERE board_id = 'keep-1'");
        }

        (await Store.OperatorKeepsCredentialsAsync("op-keep", CancellationToken.None)).Should().BeTrue();
        before.Should().BeFalse("a board under review has no credentials yet");
        application.Status.Should().Be(ApplicationStatus.Submitted);
    }

    [Fact]
    public async Task The_republication_policy_chosen_on_the_form_reaches_the_board_on_approval_and_later_saves_without_it_keep_it()
    {
        var boards = new BoardRepository(_scratch.Database, _time);
        var submitted = await SubmittedAsync("org-a", RegistrationClient.Form("rp-1") with { RepublicationRequiresConsent = true });
        var whileSubmitted = (await boards.FindAsync("rp-1", CancellationToken.None))!.RepublicationRequiresConsent;

        var reviewed = await MoveAsync(submitted, Transition.StartReview, ApplicationStatus.UnderReview);
        var approved = await MoveAsync(reviewed, Transition.Approve, ApplicationStatus.Approved);
        await MoveAsync(await MoveAsync(approved, Transition.Suspend, ApplicationStatus.Suspended), Transition.Reinstate, ApplicationStatus.Approved);
        var afterReinstatement = (await boards.FindAsync("rp-1", CancellationToken.None))!.RepublicationRequiresConsent;
        await boards.SaveAsync("rp-1", submitted.OperatorId!, "Renamed", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None);
        var afterSaveWithout = (await boards.FindAsync("rp-1", CancellationToken.None))!;
        await boards.SaveAsync("rp-1", submitted.OperatorId!, "Renamed", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None, republicationRequiresConsent: false);

        submitted.Form.RepublicationRequiresConsent.Should().BeTrue("the form keeps the organizer's choice");
        whileSubmitted.Should().BeFalse("the policy applies once the board is approved");
        afterReinstatement.Should().BeTrue();
        afterSaveWithout.RepublicationRequiresConsent.Should().BeTrue("a save that does not name the policy keeps it");
        afterSaveWithout.Name.Should().Be("Renamed");
        (await boards.FindAsync("rp-1", CancellationToken.None))!.RepublicationRequiresConsent.Should().BeFalse("a save that names it sets it");
    }

    private async Task<BoardApplication> MoveAsync(BoardApplication application, Transition transition, ApplicationStatus to)
    {
        (await Store.TransitionAsync(application, transition, to, "off-bj", transition.ToString(), null, ("s", "b"), CancellationToken.None)).Should().BeTrue();
        return (await Store.FindAsync(application.ApplicationId, CancellationToken.None))!;
    }

    private async Task<BoardApplication> SubmittedAsync(string organizer, ApplicationForm form)
    {
        var draft = await Store.CreateDraftAsync(organizer, form, CancellationToken.None);
        (await Store.TransitionAsync(draft, Transition.Submit, ApplicationStatus.Submitted, organizer, "submitted", Start.AddDays(28), ("s", "b"), CancellationToken.None)).Should().BeTrue();
        return (await Store.FindAsync(draft.ApplicationId, CancellationToken.None))!;
    }
}

public sealed class SqliteRegistrationStorageSpecs : RegistrationStorageSpecs
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}

public sealed class PostgresRegistrationStorageSpecs : RegistrationStorageSpecs
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
