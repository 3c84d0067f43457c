using System.Net;
using System.Net.Sockets;
using Dapper;
using Moderation.Notifier.Registrations;
using Moderation.Notifier.Tests.Support;

namespace Moderation.Notifier.Tests.Registrations;

/// <summary>
/// The organizer hears of every registration decision by e-mail, through the Notifier's mail relay:
/// each notice once, to the application's contact address, retried when the relay fails, and never
/// twice when two Notifiers run.
/// </summary>
public sealed class OrganizerNoticeRegistrationSpecs : IAsyncLifetime
{
    private NotifierHarness _harness = null!;
    private SmtpSink _smtp = null!;

    public async Task InitializeAsync()
    {
        _harness = await NotifierHarness.CreateAsync();
        _smtp = new SmtpSink();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Each_notice_is_mailed_once_to_the_contact_address_even_when_two_notifiers_run()
    {
        var submitted = await NoticeAsync("security@forum.example.cn", "Board reg-1: Submitted");
        var approved = await NoticeAsync("security@forum.example.cn", "Board reg-1: Approved");
        var unmailable = await NoticeAsync(email: null, "Board reg-1: Suspended");
        var first = _harness.Mailer(Relay);
        var second = _harness.Mailer(Relay);

        var claimed = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
        _harness.Time.Advance(TimeSpan.FromMinutes(10));
        var again = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        claimed.Sum().Should().Be(2, "a notice without an address is not mailed");
        again.Sum().Should().Be(0, "a mailed notice is never claimed again");
        _smtp.Messages.Should().HaveCount(2);
        _smtp.Messages.Should().AllSatisfy(m => m.To.Should().Equal("security@forum.example.cn"));
        _smtp.Messages.Select(m => m.Data).Should().ContainSingle(d => d.Contains("Subject: [Moderation] Board reg-1: Submitted") && d.Contains($"registration-notice-{submitted}@moderation"))
            .And.ContainSingle(d => d.Contains("Subject: [Moderation] Board reg-1: Approved") && d.Contains("Reason: in order"));
        (await MailedAsync(submitted)).Should().NotBeNull();
        (await MailedAsync(approved)).Should().NotBeNull();
        (await MailedAsync(unmailable)).Should().BeNull();
    }

    [Fact]
    public async Task A_notice_the_relay_does_not_take_is_retried_after_the_backoff_and_mailed_once()
    {
        var notice = await NoticeAsync("security@forum.example.cn", "Board reg-1: Approved");
        var down = _harness.Mailer(o => { Relay(o); o.Smtp.Port = ClosedPort(); });
        var up = _harness.Mailer(Relay);

        (await down.RunOnceAsync(CancellationToken.None)).Should().Be(1);
        var failed = await RowAsync(notice);
        (await up.RunOnceAsync(CancellationToken.None)).Should().Be(0, "the retry waits for its backoff");
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        (await up.RunOnceAsync(CancellationToken.None)).Should().Be(1);
        (await up.RunOnceAsync(CancellationToken.None)).Should().Be(0);

        failed.Attempts.Should().Be(1);
        failed.LastError.Should().Contain("SMTP 127.0.0.1");
        failed.MailedAt.Should().BeNull();
        _smtp.Messages.Should().ContainSingle().Which.Data.Should().Contain("Subject: [Moderation] Board reg-1: Approved");
        var mailed = await RowAsync(notice);
        mailed.MailedAt.Should().NotBeNull();
        mailed.Attempts.Should().Be(2);
        mailed.LastError.Should().BeNull();
    }

    [Fact]
    public async Task After_the_last_attempt_a_notice_is_given_up_with_the_reason_and_not_claimed_again()
    {
        var notice = await NoticeAsync("security@forum.example.cn", "Board reg-1: Rejected");
        var down = _harness.Mailer(o => { Relay(o); o.Smtp.Port = ClosedPort(); o.MaxAttempts = 2; });

        for (var pass = 0; pass < 4; pass++)
        {
            await down.RunOnceAsync(CancellationToken.None);
            _harness.Time.Advance(TimeSpan.FromHours(1));
        }

        var row = await RowAsync(notice);
        row.Attempts.Should().Be(2);
        row.LastError.Should().StartWith("Gave up after 2 attempts; last error: SMTP 127.0.0.1");
        row.MailedAt.Should().BeNull();
    }

    private void Relay(NotifierOptions options)
    {
        options.Smtp.Host = "127.0.0.1";
        options.Smtp.Port = _smtp.Port;
        options.Smtp.From = "moderation@example.cn";
    }

    /// <summary>A notice as the registration workflow writes it with a transition (beside its application).</summary>
    private async Task<long> NoticeAsync(string? email, string subject)
    {
        var now = _harness.Time.GetUtcNow();
        await using var connection = await _harness.Database.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO board_applications (application_id, organizer, board_id, status, form_json, version, created_at, updated_at)
            VALUES ('app-1', 'org-a', 'reg-1', 'Submitted', '{}', 1, @now, @now) ON CONFLICT DO NOTHING
            """, new { now });
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO registration_notices (application_id, organizer, email, subject, body, created_at, next_attempt_at)
            VALUES ('app-1', 'org-a', @email, @subject, @body, @now, @now) RETURNING notice_id
            """, new { email, subject, body = $"Application app-1 for board reg-1 is now {subject[(subject.IndexOf(':') + 2)..]}.\nReason: in order", now });
    }

    private async Task<DateTime?> MailedAsync(long noticeId) => (await RowAsync(noticeId)).MailedAt;

    private async Task<NoticeRow> RowAsync(long noticeId)
    {
        await using var connection = await _harness.Database.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<NoticeRow>("SELECT mailed_at, attempts, last_error FROM registration_notices WHERE notice_id = @noticeId", new { noticeId });
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class NoticeRow
    {
        public DateTime? MailedAt { get; init; }

        public int Attempts { get; init; }

        public string? LastError { get; init; }
    }
}
